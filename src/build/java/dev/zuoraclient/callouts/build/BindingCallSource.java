package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code internal/BindingCall}: the adapter's call of the generated method, each header argument
 * chosen by the header's name, so that a header the spec adds, removes or moves can never shift the
 * others under the adapter.
 */
final class BindingCallSource {
  /**
   * The headers the adapter fills by name: each needs a value from the call; a header not named
   * here is sent empty (which only an optional one allows).
   */
  static final Map<String, String> CALL_VALUES =
      Map.of(
          "Zuora-Track-Id", "call.trackId()",
          "Idempotency-Key", "call.idempotencyKey()",
          "Accept-Encoding", "\"gzip\"",
          "Content-Encoding", "call.gzipRequest() ? \"gzip\" : null",
          "Zuora-Entity-Ids", "call.entityId()",
          "Zuora-Org-Ids", "call.orgIds()");

  private BindingCallSource() {}

  static String text(Operation resend) {
    List<String> args = new ArrayList<>();
    for (Parameter p : SpecDocument.headers(resend)) {
      String value = CALL_VALUES.get(p.getName());
      args.add(value == null ? "null /* " + p.getName().replace("*/", "") + " */" : value);
    }
    args.add("call.ids()");
    return """
        package dev.zuoraclient.callouts.internal;

        import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;
        import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
        import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
        import java.util.Map;

        /**
         * The call of the generated binding, its header arguments in the spec's order and chosen
         * by name. %s
         */
        final class BindingCall {
          private BindingCall() {}

          static ApiResponse<Map<String, ResendFailureBody>> send(NotificationsApi api, ResendCall call) {
            return api.resendCalloutNotificationsWithHttpInfo(
                %s);
          }
        }
        """
        .formatted(JavaText.GENERATED, String.join(",\n        ", args));
  }
}
