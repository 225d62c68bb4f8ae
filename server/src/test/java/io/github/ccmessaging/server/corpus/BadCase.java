package io.github.ccmessaging.server.corpus;

/**
 * One bad request and the answer the OpenAPI document prescribes for it.
 *
 * @param category the family of breaks, e.g. {@code wrong-type}
 * @param rule the one rule broken, e.g. {@code MESSAGE from.name = 42}
 * @param request the request exactly as sent
 * @param status the prescribed HTTP status
 * @param errorCode the prescribed {@code errorCode}, or {@link #NONE} (401 carries none)
 * @param disputed null when server and document agree (asserted); otherwise why the case is kept out of the assertion
 */
record BadCase(String category, String rule, WireRequest request, int status, int errorCode, String disputed) {
    static final int NONE = -1;

    boolean asserted() {
        return disputed == null;
    }

    String expected() {
        return status + (errorCode == NONE ? "" : "/" + errorCode);
    }
}
