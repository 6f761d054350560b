package dev.zuoraclient.callouts.internal.binding;

/**
 * The one piece of the generator's invoker that the generated Feign interfaces need: they extend
 * {@code ApiClient.Api}. The generator's own {@code ApiClient} would pull in OAuth and form
 * libraries that this project does not use; the Feign wiring lives in {@code
 * dev.zuoraclient.callouts.internal}.
 */
public final class ApiClient {
  private ApiClient() {}

  /** Marker for the generated Feign interfaces. */
  public interface Api {}
}
