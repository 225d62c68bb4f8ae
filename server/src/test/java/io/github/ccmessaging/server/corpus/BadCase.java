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
 * @param projectChoice null when Microsoft documents the rule; otherwise the project choice of the OpenAPI document
 *     the case holds the server to (a limit or a rule the documentation does not have)
 */
record BadCase(String category, String rule, WireRequest request, int status, int errorCode, String disputed,
               String projectChoice) {
    static final int NONE = -1;

    boolean asserted() {
        return disputed == null;
    }

    String expected() {
        return status + (errorCode == NONE ? "" : "/" + errorCode);
    }

    /** The name its test is reported under: category, rule, and whether the rule is documented or a project choice. */
    String displayName() {
        String basis = disputed != null ? ", disputed: " + disputed
                : projectChoice != null ? ", project choice: " + projectChoice : "";
        return "[" + category + basis + "] " + rule + " -> " + expected();
    }
}
