package dev.zuoraclient.callouts.internal;

import feign.RequestTemplate;
import feign.codec.Encoder;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes the generated token call's form parameters as {@code application/x-www-form-urlencoded}.
 * Feign hands them over as a map; this replaces the feign-form library the generator would
 * otherwise pull in.
 */
final class FormEncoder implements Encoder {
  @Override
  public void encode(Object object, Type bodyType, RequestTemplate template) {
    if (bodyType != Encoder.MAP_STRING_WILDCARD) {
      throw new IllegalArgumentException("only form parameters can be encoded here");
    }
    StringBuilder form = new StringBuilder();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) object).entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      form.append(form.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(String.valueOf(e.getKey()), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8));
    }
    template.body(form.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
