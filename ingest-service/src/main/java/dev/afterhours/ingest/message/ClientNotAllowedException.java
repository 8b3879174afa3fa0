package dev.afterhours.ingest.message;

/** The caller (an API key limited to some clients) may not post for the client a message resolved to. 403. */
public class ClientNotAllowedException extends RuntimeException {

    private final String clientId;

    public ClientNotAllowedException(String clientId) {
        super("this API key may not post messages for client '" + clientId + "'");
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
