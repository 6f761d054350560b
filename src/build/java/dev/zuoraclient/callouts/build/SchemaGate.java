package dev.zuoraclient.callouts.build;

import static dev.zuoraclient.callouts.build.SpecGate.list;
import static dev.zuoraclient.callouts.build.SpecGate.map;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The gate's walk of one schema against its released form: types, limits, properties, items and map
 * values, judged by direction (a request may accept more, an answer may carry more).
 */
final class SchemaGate {
  enum Direction {
    REQUEST,
    RESPONSE
  }

  /** Where each break goes: its location and its words. */
  private final BiConsumer<String, String> breaks;

  private final Map<Schema<?>, Boolean> visiting = new IdentityHashMap<>();

  SchemaGate(BiConsumer<String, String> breaks) {
    this.breaks = breaks;
  }

  void compare(String loc, Schema<?> before, Schema<?> after, Direction d) {
    if (before == null || after == null || visiting.containsKey(before)) {
      return;
    }
    visiting.put(before, Boolean.TRUE);
    try {
      String t1 = typeOf(before);
      String t2 = typeOf(after);
      if (!Objects.equals(t1, t2)) {
        add(loc, "type changed from " + t1 + " to " + t2);
        return;
      }
      limits(loc, before, after, d);
      properties(loc, before, after, d);
      compare(loc + ", items", before.getItems(), after.getItems(), d);
      if (before.getAdditionalProperties() instanceof Schema<?> a) {
        if (after.getAdditionalProperties() instanceof Schema<?> b) {
          compare(loc + ", each value", a, b, d);
        } else {
          add(
              loc + ", each value",
              "type changed from " + typeOf(a) + " to " + after.getAdditionalProperties());
        }
      }
    } finally {
      visiting.remove(before);
    }
  }

  private static String typeOf(Schema<?> s) {
    String type = s.getType();
    if (type == null && s.getTypes() != null && !s.getTypes().isEmpty()) {
      type = String.join("|", s.getTypes());
    }
    return type == null ? "any" : s.getFormat() == null ? type : type + " (" + s.getFormat() + ")";
  }

  private void limits(String loc, Schema<?> a, Schema<?> b, Direction d) {
    if (d != Direction.REQUEST) {
      if (a.getEnum() != null && b.getEnum() != null) {
        List<Object> added = new ArrayList<>(b.getEnum());
        added.removeAll(a.getEnum());
        if (!added.isEmpty()) {
          add(loc, "enum gained " + added + " (the client does not know them)");
        }
      }
      return;
    }
    lowered(loc, "maxLength", a.getMaxLength(), b.getMaxLength());
    raised(loc, "minLength", a.getMinLength(), b.getMinLength());
    lowered(loc, "maxItems", a.getMaxItems(), b.getMaxItems());
    raised(loc, "minItems", a.getMinItems(), b.getMinItems());
    lowered(loc, "maximum", a.getMaximum(), b.getMaximum());
    raised(loc, "minimum", a.getMinimum(), b.getMinimum());
    if (!Objects.equals(a.getPattern(), b.getPattern()) && b.getPattern() != null) {
      add(
          loc,
          "pattern "
              + (a.getPattern() == null ? "added: " : "changed from " + a.getPattern() + " to ")
              + b.getPattern());
    }
    if (b.getEnum() != null) {
      if (a.getEnum() == null) {
        add(loc, "enum added: only " + b.getEnum() + " accepted");
      } else {
        List<Object> removed = new ArrayList<>(a.getEnum());
        removed.removeAll(b.getEnum());
        if (!removed.isEmpty()) {
          add(loc, "enum lost " + removed);
        }
      }
    }
  }

  /** A tightened upper bound: added, or lower than before. */
  private <N extends Comparable<N>> void lowered(String loc, String what, N before, N after) {
    tightened(
        loc, what, before, after, after != null && before != null && after.compareTo(before) < 0);
  }

  /** A tightened lower bound: added, or higher than before. */
  private <N extends Comparable<N>> void raised(String loc, String what, N before, N after) {
    tightened(
        loc, what, before, after, after != null && before != null && after.compareTo(before) > 0);
  }

  private void tightened(String loc, String what, Object before, Object after, boolean moved) {
    if (after != null && (before == null || moved)) {
      add(
          loc,
          what
              + " tightened from "
              + (before == null ? "none" : plain(before))
              + " to "
              + plain(after));
    }
  }

  private static String plain(Object n) {
    return n instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(n);
  }

  @SuppressWarnings("rawtypes") // the parser's own type: Map<String, Schema>
  private void properties(String loc, Schema<?> a, Schema<?> b, Direction d) {
    Map<String, Schema> was = map(a.getProperties());
    Map<String, Schema> now = map(b.getProperties());
    Set<String> reqA = Set.copyOf(list(a.getRequired()));
    Set<String> reqB = Set.copyOf(list(b.getRequired()));
    for (Map.Entry<String, Schema> e : was.entrySet()) {
      String name = e.getKey();
      String at = loc + ", property " + name;
      Schema<?> p2 = now.get(name);
      if (p2 == null) {
        if (d == Direction.RESPONSE) {
          add(at, "removed (or renamed; the client reads it)");
        } else if (reqA.contains(name)) {
          add(at, "removed while required by the released spec");
        }
        continue;
      }
      if (d == Direction.REQUEST && !reqA.contains(name) && reqB.contains(name)) {
        add(at, "made required");
      }
      if (d == Direction.RESPONSE && reqA.contains(name) && !reqB.contains(name)) {
        add(at, "no longer required (the client relies on it)");
      }
      compare(at, e.getValue(), p2, d);
    }
    if (d == Direction.REQUEST) {
      for (String name : now.keySet()) {
        if (!was.containsKey(name) && reqB.contains(name)) {
          add(loc + ", property " + name, "new and required");
        }
      }
    }
  }

  private void add(String location, String words) {
    breaks.accept(location, words);
  }
}
