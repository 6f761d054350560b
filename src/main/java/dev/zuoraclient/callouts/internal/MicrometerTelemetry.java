package dev.zuoraclient.callouts.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * {@link Telemetry} through Micrometer's Observation API: each span is an {@link Observation}, so
 * the application's handlers turn it into a timer (with {@code DefaultMeterObservationHandler}), a
 * trace span (with a tracing bridge), or both. The only class that refers to Micrometer; it is
 * loaded only when an {@code ObservationRegistry} is given.
 */
final class MicrometerTelemetry implements Telemetry {
  private final ObservationRegistry registry;

  private MicrometerTelemetry(ObservationRegistry registry) {
    this.registry = registry;
  }

  static Telemetry create(Object registry) {
    if (!(registry instanceof ObservationRegistry r)) {
      throw new IllegalArgumentException(
          "observationRegistry must be an io.micrometer.observation.ObservationRegistry (got "
              + registry.getClass().getName()
              + ")");
    }
    return new MicrometerTelemetry(r);
  }

  @Override
  public Span start(String name) {
    Observation observation =
        Observation.createNotStarted(name, registry)
            .parentObservation(registry.getCurrentObservation())
            .start();
    Observation.Scope scope = observation.openScope();
    return new Span() {
      @Override
      public Span tag(String key, String value) {
        observation.lowCardinalityKeyValue(key, value);
        return this;
      }

      @Override
      public void error(Throwable error) {
        observation.error(error);
      }

      @Override
      public void close() {
        scope.close();
        observation.stop();
      }
    };
  }
}
