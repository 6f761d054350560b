package dev.zuoraclient.callouts.contract;

import java.util.List;
import java.util.Map;

/** A provider state's parameters, read as the pacts write them, or refused by name. */
final class StateParams {
  private StateParams() {}

  static String string(Map<String, Object> params, String name) {
    Object value = params.get(name);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("state needs a string " + name + " (got " + params + ")");
    }
    return s;
  }

  static List<String> strings(Map<String, Object> params, String name) {
    Object value = params.get(name);
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(
          "state needs a non-empty list " + name + " (got " + params + ")");
    }
    return list.stream().map(String::valueOf).toList();
  }
}
