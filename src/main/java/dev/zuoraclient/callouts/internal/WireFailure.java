package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One failure as Zuora sent it: the model generated from the spec, plus the fields the spec does
 * not name (yet), so that a field Zuora adds reaches {@link dev.zuoraclient.callouts.ResendFailure
 * #extra()} without a release of this library. {@link WireSettings#objectMapper()} reads every
 * {@link ResendFailureBody} as one of these ({@link AsWireFailure}).
 */
public final class WireFailure extends ResendFailureBody {
  private Map<String, Object> unnamed;

  /** A field the spec does not name. */
  @JsonAnySetter
  void unnamed(String name, Object value) {
    if (unnamed == null) {
      unnamed = new LinkedHashMap<>();
    }
    unnamed.put(name, value);
  }

  /** The fields the spec does not name, in the order Zuora sent them; empty when none. */
  Map<String, Object> unnamed() {
    return unnamed == null ? Map.of() : unnamed;
  }

  /**
   * The mix-in that makes Jackson read a {@link ResendFailureBody} as a {@link WireFailure}, with
   * its code and message read as text only ({@link TextOnly}).
   */
  @JsonDeserialize(as = WireFailure.class)
  abstract static class AsWireFailure {
    @JsonDeserialize(using = TextOnly.class)
    abstract void setCode(String code);

    @JsonDeserialize(using = TextOnly.class)
    abstract void setMessage(String message);
  }

  /**
   * A failure's code or message as Zuora's words only when it is a JSON string, as the spec says;
   * any other value (a number, a boolean, an object, an array) reads as absent, never as text made
   * from it. Jackson would otherwise turn {@code "code": 123} into the code {@code "123"}. The
   * entry still names a failed ID: only the value that is not text is dropped.
   */
  static final class TextOnly extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    TextOnly() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        return p.getText();
      }
      p.skipChildren(); // an object or an array is read past, whole
      return null;
    }
  }

  /**
   * Reads a failure's fields beyond code and message, named in the spec (through the generated
   * model's own accessors) or not.
   */
  static final class Extras {
    private final List<BeanPropertyDefinition> namedExtras;
    private final ObjectMapper mapper;
    private final UnaryOperator<String> scrub;

    Extras(ObjectMapper mapper, UnaryOperator<String> scrub) {
      this.namedExtras = namedExtras(mapper);
      this.mapper = mapper;
      this.scrub = scrub;
    }

    /** The properties the spec gives a failure besides code and message. */
    private static List<BeanPropertyDefinition> namedExtras(ObjectMapper mapper) {
      List<BeanPropertyDefinition> named = new ArrayList<>();
      for (BeanPropertyDefinition p :
          mapper
              .getSerializationConfig()
              .introspect(mapper.constructType(ResendFailureBody.class))
              .findProperties()) {
        if (!p.getName().equals(ResendFailureBody.JSON_PROPERTY_CODE)
            && !p.getName().equals(ResendFailureBody.JSON_PROPERTY_MESSAGE)
            && p.getAccessor() != null) {
          named.add(p);
        }
      }
      return List.copyOf(named);
    }

    /**
     * The fields of a failure beyond code and message: those the spec names (read through the
     * generated model's own accessors) and those it does not (kept by {@link WireFailure}).
     */
    Map<String, Object> of(ResendFailureBody f) {
      Map<String, Object> unnamed = f instanceof WireFailure w ? w.unnamed() : Map.of();
      if (namedExtras.isEmpty() && unnamed.isEmpty()) {
        return Map.of();
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      for (BeanPropertyDefinition p : namedExtras) {
        Object value = p.getAccessor().getValue(f);
        if (value != null) {
          // as JSON values, like the unnamed ones: never a generated (sealed) model type
          extra.put(p.getName(), scrubbed(mapper.convertValue(value, Object.class)));
        }
      }
      unnamed.forEach((k, v) -> extra.put(k, scrubbed(v)));
      return extra;
    }

    /** Text anywhere in a JSON value, nested maps and lists included, without the secrets. */
    private Object scrubbed(Object value) {
      if (value instanceof String text) {
        return scrub.apply(text);
      }
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(scrub.apply(String.valueOf(k)), scrubbed(v)));
        return java.util.Collections.unmodifiableMap(copy);
      }
      if (value instanceof List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(v -> copy.add(scrubbed(v)));
        return java.util.Collections.unmodifiableList(copy);
      }
      return value;
    }
  }
}
