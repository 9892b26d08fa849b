package io.emporium.runner.supervision;

import io.emporium.runner.process.HttpReadiness;
import io.emporium.runner.process.Readiness;
import io.emporium.runner.topology.RegistryLogin;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ready when the Eureka server lists an instance of the application on the given port with status UP
 * ({@code GET /eureka/apps/<NAME>}, JSON, asked with the given login: the registry answers nobody else). Until then,
 * a client fetching the registry would not see it.
 */
final class EurekaReadiness implements Readiness {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String application;
    private final int port;
    private final HttpReadiness request;

    EurekaReadiness(String registryUrl, RegistryLogin login, String application, int port) {
        this.application = application.toUpperCase(java.util.Locale.ROOT);
        this.port = port;
        this.request = new HttpReadiness(registryUrl + "apps/" + this.application, "application/json",
                login.basicAuthorization(), this::listsInstanceUp);
    }

    @Override
    public boolean isReady() {
        return request.isReady();
    }

    boolean listsInstanceUp(String body) {
        try {
            JsonNode instances = JSON.readTree(body).path("application").path("instance");
            for (JsonNode instance : instances.isArray() ? instances.values() : java.util.List.of(instances)) {
                JsonNode instancePort = instance.path("port");
                String portText = instancePort.isObject() ? instancePort.path("$").asString("") : instancePort.asString("");
                if ("UP".equals(instance.path("status").asString("")) && portText.equals(Integer.toString(port))) {
                    return true;
                }
            }
            return false;
        } catch (JacksonException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return request + " lists port " + port + " UP";
    }
}
