package io.github.ccmessaging.server.http;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Answers an {@code Upgrade: h2c} request as plain HTTP/1.1, as RFC 9113 allows a server to.
 *
 * <p>The JDK {@code HttpClient} offers h2c by default. Without this filter Grizzly treats the request body as the start
 * of the upgraded protocol and waits for more bytes, so the POST hangs until the client times out.
 */
public final class H2cUpgradeRefusal extends BaseFilter implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            if ("h2c".equalsIgnoreCase(header.getUpgrade())) {
                header.getUpgradeDC().recycle();
                header.getHeaders().removeHeader("Upgrade");
                header.getHeaders().removeHeader("HTTP2-Settings");
                header.setIgnoreContentModifiers(false);
            }
        }
        return ctx.getInvokeAction();
    }
}
