package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import feign.Response;
import feign.Types;
import feign.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Decodes answers for the generated {@code *WithHttpInfo} methods: status and headers into the
 * generated {@link ApiResponse}, the body with Jackson straight from its bytes.
 *
 * <p>It replaces the generator's {@code ApiResponseDecoder}, a {@code JacksonDecoder} that parses
 * through a {@code Reader}: turning bytes into characters first made decoding a 500-failure answer
 * (40 KB) take about twice as long as parsing the bytes (BENCHMARKS.md, "Where the time goes").
 * Bodies are already bounded by {@link HttpClientTransport}, so reading one whole is safe.
 */
final class ApiResponseBytesDecoder implements Decoder {
  private final ObjectMapper mapper;

  ApiResponseBytesDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    if (type instanceof ParameterizedType parameterized
        && Types.getRawType(type) == ApiResponse.class) {
      Type bodyType = parameterized.getActualTypeArguments()[0];
      return new ApiResponse<>(response.status(), response.headers(), body(response, bodyType));
    }
    return body(response, type);
  }

  private Object body(Response response, Type type) throws IOException {
    if (response.body() == null) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = response.body().asInputStream()) {
      bytes = in.readAllBytes();
    }
    if (bytes.length == 0) {
      return null; // Zuora's "all resent" 202 has no body
    }
    JavaType javaType = mapper.constructType(type);
    Object value = mapper.readValue(bytes, javaType);
    if (value == null) {
      // A literal null is not the blank "all resent" body: whatever sent it, it is not the
      // contract.
      throw new JsonParseException((JsonParser) null, "the body is a JSON null");
    }
    return value;
  }
}
