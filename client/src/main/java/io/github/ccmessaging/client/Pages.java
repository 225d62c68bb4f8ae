package io.github.ccmessaging.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a paged list operation into a lazy {@link Stream}: a page is fetched only when the stream needs its first
 * item, and the next page is fetched with the previous page's continuation token until a page comes without one.
 */
final class Pages {

    private Pages() {
    }

    /** One page: its items in order, and the token of the next page ({@code null} or blank on the last page). */
    record Page<T>(List<T> items, String continuationToken) {
    }

    /** Fetches the page that the given continuation token names ({@code null}: the first page). */
    @FunctionalInterface
    interface PageSource<T> {
        Page<T> fetch(String continuationToken);
    }

    /**
     * A sequential, ordered stream of the items of all pages; {@code null} items are left out.
     *
     * @param operation the API operation, for error messages
     * @param source fetches one page
     */
    static <T> Stream<T> stream(String operation, PageSource<T> source) {
        return StreamSupport.stream(new PageSpliterator<>(operation, source), false);
    }

    /** Walks the pages; not thread-safe, as spliterators need not be. */
    private static final class PageSpliterator<T> extends Spliterators.AbstractSpliterator<T> {

        private final String operation;
        private final PageSource<T> source;
        private final Deque<T> buffered = new ArrayDeque<>();
        private String nextToken;
        private boolean lastPageFetched;

        PageSpliterator(String operation, PageSource<T> source) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.operation = operation;
            this.source = source;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            Objects.requireNonNull(action, "action");
            while (buffered.isEmpty()) {
                if (lastPageFetched) {
                    return false;
                }
                fetchNextPage();
            }
            action.accept(buffered.removeFirst());
            return true;
        }

        private void fetchNextPage() {
            String sent = nextToken;
            Page<T> page = source.fetch(sent);
            if (page.items() != null) {
                page.items().stream().filter(Objects::nonNull).forEach(buffered::addLast);
            }
            String token = page.continuationToken();
            if (token == null || token.isBlank()) {
                lastPageFetched = true;
            } else if (token.equals(sent)) {
                throw new MessagingTransportException(operation + " failed: the server answered continuation token "
                        + token + " again for the page it names; paging stopped to avoid an endless loop", null);
            } else {
                nextToken = token;
            }
        }
    }
}
