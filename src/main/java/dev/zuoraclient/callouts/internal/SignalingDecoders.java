package dev.zuoraclient.callouts.internal;

import feign.FeignException;
import feign.Response;
import feign.codec.Decoder;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/** Feign decoders that hand every answer they cannot type to {@link OutcomeMapper}. */
final class SignalingDecoders {
  private SignalingDecoders() {}

  /** Decodes 2xx answers with the generated decoder; a failure becomes a signal. */
  static Decoder decoder(Decoder generated) {
    return (Response response, Type type) -> {
      try {
        return generated.decode(response, type);
      } catch (FeignException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw ResponseSignal.undecodable(response, e);
      }
    };
  }

  /** Reads the (bounded) body of a non-2xx answer into a signal. */
  static ErrorDecoder errorDecoder() {
    return (String methodKey, Response response) -> {
      if (response.body() == null) {
        return ResponseSignal.errorStatus(response, new byte[0], null);
      }
      try (InputStream in = response.body().asInputStream()) {
        return ResponseSignal.errorStatus(response, in.readAllBytes(), null);
      } catch (IOException e) {
        return ResponseSignal.errorStatus(response, null, e);
      }
    };
  }
}
