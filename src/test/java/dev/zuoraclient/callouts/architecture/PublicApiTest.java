package dev.zuoraclient.callouts.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The public API, as committed signature files (like OkHttp's {@code .api} dumps): every public
 * type, method, constructor and field of the packages an artifact exports. A change to the public
 * API is then a reviewed diff of {@code src/api/}: {@code zuora-callout-resend.api} for the library
 * (the packages its module exports), {@code zuora-callout-resend-simulator.api} for the simulator
 * test kit, which evolves on its own terms. Regenerate both with {@code mvn -B test
 * -Dtest=PublicApiTest -Dapi.update=true}.
 */
class PublicApiTest {
  static final Path API_DIR =
      Path.of(System.getProperty("api.file", "src/api/zuora-callout-resend.api")).getParent();

  /** The packages of the library's API: those its module-info exports. */
  static final List<String> LIBRARY_PACKAGES =
      List.of(
          "dev.zuoraclient.callouts",
          "dev.zuoraclient.callouts.auth",
          "dev.zuoraclient.callouts.exception",
          "dev.zuoraclient.callouts.history");

  @Test
  void libraryApi_matchesTheCommittedSignatureFile() throws IOException {
    check(API_DIR.resolve("zuora-callout-resend.api"), LIBRARY_PACKAGES);
  }

  @Test
  void simulatorApi_matchesTheCommittedSignatureFile() throws IOException {
    check(
        API_DIR.resolve("zuora-callout-resend-simulator.api"),
        List.of("dev.zuoraclient.callouts.simulator"));
  }

  private static void check(Path apiFile, List<String> packages) throws IOException {
    String current = dump(packages);
    if (Boolean.getBoolean("api.update")) {
      Files.writeString(apiFile, current, StandardCharsets.UTF_8);
      return;
    }
    String committed = Files.exists(apiFile) ? Files.readString(apiFile) : "";
    assertThat(current)
        .as(
            "The public API changed. Review the difference, then regenerate %s with "
                + "'mvn -B test -Dtest=PublicApiTest -Dapi.update=true' and commit it.",
            apiFile)
        .isEqualTo(committed);
  }

  static String dump(List<String> packages) {
    List<JavaClass> types =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages)
                .stream()
                .filter(c -> packages.contains(c.getPackageName()))
                .filter(PublicApiTest::isExported)
                .sorted(Comparator.comparing(JavaClass::getName))
                .collect(Collectors.toList());
    StringBuilder out = new StringBuilder();
    for (JavaClass c : types) {
      out.append(modifiers(c.getModifiers()))
          // A sealed type cannot be extended outside the library: that is API too.
          .append(c.reflect().isSealed() ? "sealed " : "")
          .append(kind(c))
          .append(' ')
          .append(c.getName());
      c.getRawSuperclass()
          .filter(
              s ->
                  !s.getName().equals("java.lang.Object")
                      && !s.getName().equals("java.lang.Record")
                      && !s.getName().equals("java.lang.Enum"))
          .ifPresent(s -> out.append(" extends ").append(s.getName()));
      Set<String> interfaces = new TreeSet<>();
      c.getRawInterfaces().forEach(i -> interfaces.add(i.getName()));
      if (!interfaces.isEmpty()) {
        out.append(" implements ").append(String.join(", ", interfaces));
      }
      out.append(" {\n");
      Set<String> members = new TreeSet<>();
      for (JavaField f : c.getFields()) {
        if (visible(f.getModifiers())) {
          members.add(
              "  "
                  + modifiers(f.getModifiers())
                  + "field "
                  + f.getName()
                  + ": "
                  + f.getRawType().getName());
        }
      }
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (visible(u.getModifiers())
            && !u.getModifiers().contains(JavaModifier.SYNTHETIC)
            && !u.getModifiers().contains(JavaModifier.BRIDGE)) {
          String params =
              u.getParameterTypes().stream()
                  .map(JavaType::getName)
                  .collect(Collectors.joining(", "));
          String name = u.isConstructor() ? "<init>" : u.getName();
          String ret = u.isConstructor() ? "" : ": " + u.getReturnType().getName();
          List<String> thrown = new ArrayList<>();
          u.getThrowsClause().getTypes().forEach(t -> thrown.add(t.getName()));
          members.add(
              "  "
                  + modifiers(u.getModifiers())
                  + "fun "
                  + name
                  + "("
                  + params
                  + ")"
                  + ret
                  + (thrown.isEmpty() ? "" : " throws " + String.join(", ", thrown)));
        }
      }
      members.forEach(m -> out.append(m).append('\n'));
      out.append("}\n\n");
    }
    return out.toString();
  }

  private static boolean isExported(JavaClass c) {
    if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
      return false;
    }
    for (JavaClass outer = c.getEnclosingClass().orElse(null);
        outer != null;
        outer = outer.getEnclosingClass().orElse(null)) {
      if (!outer.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return !c.isAnonymousClass() && !c.isLocalClass();
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static String kind(JavaClass c) {
    return c.isAnnotation()
        ? "@interface"
        : c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
  }

  private static String modifiers(Set<JavaModifier> modifiers) {
    StringBuilder sb = new StringBuilder();
    for (JavaModifier m :
        List.of(
            JavaModifier.PUBLIC,
            JavaModifier.PROTECTED,
            JavaModifier.ABSTRACT,
            JavaModifier.STATIC,
            JavaModifier.FINAL)) {
      if (modifiers.contains(m)) {
        sb.append(m.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      }
    }
    return sb.toString();
  }
}
