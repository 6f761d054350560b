package dev.zuoraclient.callouts.build;

import static dev.zuoraclient.callouts.build.JavaText.html;
import static dev.zuoraclient.callouts.build.JavaText.quote;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ZuoraEnvironment}: the public enum of Zuora's servers, one constant per server of the
 * spec, named by its {@code x-enum-name}.
 */
final class ZuoraEnvironmentSource {
  private ZuoraEnvironmentSource() {}

  static String text(OpenAPI spec) {
    List<Server> servers = spec.getServers() == null ? List.of() : spec.getServers();
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("the spec names no servers");
    }
    List<String> constants = new ArrayList<>();
    for (Server s : servers) {
      Map<String, Object> ext = s.getExtensions();
      Object name = ext == null ? null : ext.get("x-enum-name");
      if (!(name instanceof String n) || !n.matches("[A-Z][A-Z0-9_]*")) {
        throw new IllegalArgumentException(
            "server " + s.getUrl() + " needs x-enum-name, an UPPER_SNAKE_CASE constant name");
      }
      if (s.getUrl() == null || s.getUrl().contains("{")) {
        throw new IllegalArgumentException(
            "server " + s.getUrl() + ": URL templates are not supported; name each server in full");
      }
      String description = s.getDescription() == null ? s.getUrl() : s.getDescription();
      constants.add(
          "  /** %s: {@code %s}. */\n  %s(%s, %s)"
              .formatted(html(description), s.getUrl(), n, quote(s.getUrl()), quote(description)));
    }
    return """
        package dev.zuoraclient.callouts;

        import java.net.URI;

        /**
         * Zuora's REST servers, with the names Zuora gives them: the spec's {@code servers}. %s
         */
        public enum ZuoraEnvironment {
        %s;

          private final URI baseUri;
          private final String displayName;

          ZuoraEnvironment(String baseUri, String displayName) {
            this.baseUri = URI.create(baseUri);
            this.displayName = displayName;
          }

          /** The server's base URI, for example {@code https://rest.zuora.com}. */
          public URI baseUri() {
            return baseUri;
          }

          /** Zuora's name for the server, for example {@code US Production (Cloud 2)}. */
          public String displayName() {
            return displayName;
          }
        }
        """
        .formatted(JavaText.GENERATED, String.join(",\n", constants));
  }
}
