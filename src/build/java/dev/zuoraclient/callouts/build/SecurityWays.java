package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ways an operation may be authorised, in words, as the gate compares them: by what the client
 * must send, whatever the scheme is called in the spec.
 */
final class SecurityWays {
  private static final String NONE = "none";

  private SecurityWays() {}

  /**
   * Each alternative (a requirement) as the set of its schemes in words, with their scopes; {@code
   * none} for {@code security: []}.
   */
  static Set<String> of(OpenAPI spec, Operation op) {
    List<SecurityRequirement> requirements =
        op.getSecurity() != null ? op.getSecurity() : SpecGate.list(spec.getSecurity());
    Map<String, SecurityScheme> schemes =
        spec.getComponents() == null
            ? Map.of()
            : SpecGate.map(spec.getComponents().getSecuritySchemes());
    Set<String> ways = new TreeSet<>();
    if (requirements.isEmpty()) {
      ways.add(NONE);
    }
    for (SecurityRequirement r : requirements) {
      Set<String> all = new TreeSet<>();
      r.forEach(
          (name, scopes) ->
              all.add(
                  scheme(name, schemes.get(name))
                      + (scopes == null || scopes.isEmpty() ? "" : " " + new TreeSet<>(scopes))));
      ways.add(all.isEmpty() ? NONE : String.join(" and ", all));
    }
    return ways;
  }

  /** A security scheme in words, by what the client must send (its name in the spec aside). */
  private static String scheme(String name, SecurityScheme s) {
    if (s == null || s.getType() == null) {
      return name + " (undefined)";
    }
    return switch (s.getType()) {
      case HTTP -> "http " + String.valueOf(s.getScheme()).toLowerCase(Locale.ROOT);
      case APIKEY -> "apiKey " + s.getName() + " in " + s.getIn();
      case OAUTH2 -> "oauth2" + (s.getFlows() == null ? "" : " " + flows(s));
      case OPENIDCONNECT -> "openIdConnect " + s.getOpenIdConnectUrl();
      case MUTUALTLS -> "mutualTLS";
    };
  }

  private static String flows(SecurityScheme s) {
    var f = s.getFlows();
    List<String> out = new ArrayList<>();
    if (f.getClientCredentials() != null) {
      out.add("clientCredentials " + f.getClientCredentials().getTokenUrl());
    }
    if (f.getAuthorizationCode() != null) {
      out.add("authorizationCode " + f.getAuthorizationCode().getTokenUrl());
    }
    if (f.getPassword() != null) {
      out.add("password " + f.getPassword().getTokenUrl());
    }
    if (f.getImplicit() != null) {
      out.add("implicit " + f.getImplicit().getAuthorizationUrl());
    }
    return String.join(", ", out);
  }
}
