// Renders this server's own OpenAPI document; the page allows no inline script (Content-Security-Policy).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi/messaging-api.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
});
