package io.github.ccmessaging.server.documentation;

import io.github.ccmessaging.server.api.DocumentationApi;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The server's own contract: the OpenAPI documents it was built from (packaged in the api-spec jar) and a documentation
 * page that renders them with Swagger UI, served from its WebJar. No token needed; the class path repeats the
 * generated one.
 */
@Singleton
@Path(DocumentationResource.PATH)
public final class DocumentationResource implements DocumentationApi {
    static final String PATH = "";
    private static final Map<String, String> DOCUMENTS = Map.of(
            "messaging-api.yaml", "/openapi/messaging-api.yaml",
            "webhook-api.yaml", "/openapi/webhook-api.yaml");

    private final PageFiles files = PageFiles.load();

    @Override
    public String getOpenApiDocument(String document) {
        String resource = DOCUMENTS.get(document);
        if (resource == null) {
            throw new NotFoundException("There is no OpenAPI document " + document + "; there are "
                    + String.join(" and ", DOCUMENTS.keySet().stream().sorted().toList()) + ".");
        }
        return PageFiles.text(resource);
    }

    @Override
    public String getDocumentationPage() {
        return files.page();
    }

    @Override
    public Response getDocumentationAsset(String asset) {
        return files.asset(asset)
                .map(file -> Response.ok(file.content(), file.mediaType()).build())
                .orElseThrow(() -> new NotFoundException("There is no file " + asset + " on the documentation page."));
    }
}
