/**
 * The library: a client for Zuora's "Resend callout notifications" operation.
 *
 * <p>Only the API packages are exported. The hand-written wiring ({@code internal}) and the Feign
 * binding generated from the OpenAPI spec ({@code internal.generated}, {@code internal.binding})
 * are sealed: a consumer on the module path cannot reach them. The generated models (and {@code
 * internal}, for the failure model's subclass) are opened to Jackson alone, which reads Zuora's
 * answers into them.
 *
 * <p>This file is compiled on its own, against the classes the main compilation wrote (see the
 * {@code module-descriptor} execution in {@code pom.xml}): the simulator and the command line are
 * built from the same sources but ship in their own artifacts, outside this module.
 */
module dev.zuoraclient.callouts {
  // In the API: HttpClient (Builder.httpClient).
  requires transitive java.net.http;
  // Optional: only those who pass an ObservationRegistry need Micrometer, and they require it
  // themselves. Not transitive: 'requires static transitive' would make every consumer's compiler
  // look for Micrometer (ModulePathIT compiles a consumer without it).
  requires static micrometer.observation;

  requires feign.core;
  requires feign.jackson;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports dev.zuoraclient.callouts;
  exports dev.zuoraclient.callouts.auth;
  exports dev.zuoraclient.callouts.exception;
  exports dev.zuoraclient.callouts.history;

  opens dev.zuoraclient.callouts.internal.generated.model to
      com.fasterxml.jackson.databind;
  // WireFailure: the generated failure model plus the fields the spec does not name yet.
  opens dev.zuoraclient.callouts.internal to
      com.fasterxml.jackson.databind;
}
