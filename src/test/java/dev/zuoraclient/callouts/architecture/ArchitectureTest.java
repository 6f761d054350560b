package dev.zuoraclient.callouts.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering every change must keep: public API on top, Feign and generated code inside. */
class ArchitectureTest {
  static final String ROOT = "dev.zuoraclient.callouts";
  static JavaClasses classes;

  @BeforeAll
  static void importMain() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  /** Types of the public API: outside internal, visible to users. */
  static final DescribedPredicate<JavaClass> API_TYPE =
      DescribedPredicate.describe(
          "public API types",
          c ->
              c.getModifiers().contains(JavaModifier.PUBLIC)
                  && !c.getPackageName().contains(".internal"));

  @Test
  void onlyInternalCodeUsesFeignOrTheGeneratedCode() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("feign..", ROOT + ".internal.generated..")
        .check(classes);
  }

  @Test
  void publicSignaturesNeverMentionInternalFeignOrGeneratedTypes() {
    ArchCondition<JavaClass> exposeNothingInternal =
        new ArchCondition<>("expose no internal, Feign or generated type in a public signature") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            List<String> leaks = new ArrayList<>();
            for (JavaCodeUnit unit : c.getCodeUnits()) {
              if (!isVisible(unit.getModifiers())) {
                continue;
              }
              List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
              types.add(unit.getReturnType());
              for (JavaType t : types) {
                for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                  if (isHidden(raw)) {
                    leaks.add(unit.getFullName() + " uses " + raw.getName());
                  }
                }
              }
            }
            for (JavaField f : c.getFields()) {
              if (isVisible(f.getModifiers()) && isHidden(f.getRawType())) {
                leaks.add(f.getFullName() + " is " + f.getRawType().getName());
              }
            }
            leaks.forEach(l -> events.add(SimpleConditionEvent.violated(c, l)));
          }
        };
    classes().that(API_TYPE).should(exposeNothingInternal).check(classes);
  }

  @Test
  void publicMethodsThrowNoCheckedExceptions() {
    methods()
        .that()
        .areDeclaredInClassesThat(API_TYPE)
        .and()
        .arePublic()
        .should(
            new ArchCondition<>("declare no checked exception") {
              @Override
              public void check(JavaMethod m, ConditionEvents events) {
                m.getThrowsClause().getTypes().stream()
                    .map(JavaType::toErasure)
                    .filter(
                        t ->
                            !t.isAssignableTo(RuntimeException.class)
                                && !t.isAssignableTo(Error.class))
                    .forEach(
                        t ->
                            events.add(
                                SimpleConditionEvent.violated(
                                    m, m.getFullName() + " throws " + t.getName())));
              }
            })
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void publicClassesAreFinalInterfacesOrTheBaseOfOurOwnHierarchy() {
    classes()
        .that(API_TYPE)
        .should(
            new ArchCondition<>(
                "be final, an interface, an enum or a record, or be extended within the library") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                boolean ok =
                    c.isInterface()
                        || c.isEnum()
                        || c.isRecord()
                        || c.getModifiers().contains(JavaModifier.FINAL)
                        || !c.getSubclasses().isEmpty();
                if (!ok) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c, c.getName() + " is neither final nor extended"));
                }
              }
            })
        .check(classes);
  }

  /**
   * A library lives in someone else's JVM: outside the command line (a program of its own) and the
   * simulator (a test fixture, which turns on TCP_NODELAY for the JDK's HttpServer in test JVMs),
   * no class calls anything that changes JVM-wide settings. {@code GoodCitizenTest} checks the
   * state itself; this rule catches the call before it is ever run.
   */
  @Test
  void theLibraryNeverChangesJvmWideSettings() {
    DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall> globalSetter =
        DescribedPredicate.describe(
            "a JVM-wide setter",
            call -> {
              String owner = call.getTargetOwner().getName();
              String name = call.getName();
              return (owner.equals("java.lang.System")
                      && (name.equals("setProperty")
                          || name.equals("clearProperty")
                          || name.equals("setProperties")))
                  || (name.equals("setDefault")
                      && List.of(
                              "java.net.ProxySelector",
                              "java.net.Authenticator",
                              "java.net.CookieHandler",
                              "java.net.ResponseCache",
                              "javax.net.ssl.SSLContext",
                              "java.util.Locale",
                              "java.util.TimeZone")
                          .contains(owner))
                  || (owner.equals("javax.net.ssl.HttpsURLConnection")
                      && name.startsWith("setDefault"))
                  || (owner.equals("java.net.URL") && name.equals("setURLStreamHandlerFactory"))
                  || (owner.equals("java.security.Security")
                      && (name.endsWith("Provider") || name.equals("setProperty")))
                  || (owner.equals("java.lang.Thread")
                      && name.equals("setDefaultUncaughtExceptionHandler"));
            });
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".simulator..")
        .should()
        .callMethodWhere(globalSetter)
        .check(classes);
  }

  @Test
  void nothingIsNamedImpl() {
    noClasses().should().haveSimpleNameEndingWith("Impl").check(classes);
  }

  /**
   * The simulator ships in its own artifact, outside the library's module: it may use the library's
   * API (its JUnit extension hands out a client) and JUnit's extension API, never the internals.
   */
  @Test
  void theSimulatorDependsOnTheJdkJacksonJunitAndTheLibrarysApiOnly() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".simulator..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".simulator..",
            ROOT,
            ROOT + ".auth",
            ROOT + ".exception",
            "java..",
            "javax..",
            "com.sun.net.httpserver..",
            "com.fasterxml.jackson..",
            "org.junit.jupiter.api.extension..")
        .check(classes);
  }

  /** The library jar holds neither the simulator nor the command line: it must not need them. */
  @Test
  void theLibraryNeverUsesTheSimulatorOrTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".simulator..", ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".simulator..", ROOT + ".cli..")
        .check(classes);
  }

  /**
   * The builders of the API may hold internal settings (the client's and the token provider's hold
   * a {@code TransportOptions}); an internal class that named one would close a loop, and tie the
   * internals to the API's shape. So the internals hand values back and the builder applies them.
   * The one exception is {@code ResendResult.Builder}, the way a result is made (the same builder a
   * consumer's test uses for a stand-in), which the next rule keeps free of anything internal.
   */
  @Test
  void internalNeverNamesAPublicBuilder() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".internal..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "a builder of a public API type (but ResendResult.Builder)",
                c -> isApiBuilder(c) && !VALUE_BUILDERS.contains(c.getName())))
        .check(classes);
  }

  /**
   * The public builders the internals may use: builders of plain values, nothing internal in them.
   */
  static final List<String> VALUE_BUILDERS = List.of(ROOT + ".ResendResult$Builder");

  @Test
  void theValueBuildersTheInternalsUseHoldNothingInternal() {
    classes()
        .that(
            DescribedPredicate.describe(
                "value builders the internals use", c -> VALUE_BUILDERS.contains(c.getName())))
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage(ROOT + ".internal..")
        .check(classes);
  }

  /**
   * An exception's own questions ({@code isRetryable()}, {@code mayHaveBeenResent()}) are answered
   * by internal rules on statuses; those rules must not look back at the exception types, which
   * would make the two sides one knot ({@code StatusRules} is such a leaf; {@code ErrorRules},
   * which decides for a whole failure, is not, and no exception calls it).
   */
  @Test
  void theInternalRulesTheExceptionsAskNeverNameAnException() {
    ArchCondition<JavaClass> askOnlyLeaves =
        new ArchCondition<>("use only internal classes that name no exception type") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            c.getDirectDependenciesFromSelf().stream()
                .map(d -> d.getTargetClass())
                .filter(t -> t.getPackageName().startsWith(ROOT + ".internal"))
                .distinct()
                .forEach(
                    t ->
                        t.getDirectDependenciesFromSelf().stream()
                            .map(d -> d.getTargetClass())
                            .filter(u -> u.getPackageName().equals(ROOT + ".exception"))
                            .findFirst()
                            .ifPresent(
                                u ->
                                    events.add(
                                        SimpleConditionEvent.violated(
                                            c,
                                            c.getName()
                                                + " uses "
                                                + t.getName()
                                                + ", which names "
                                                + u.getName()))));
          }
        };
    classes().that().resideInAPackage(ROOT + ".exception").should(askOnlyLeaves).check(classes);
  }

  static boolean isApiBuilder(JavaClass c) {
    return c.getSimpleName().equals("Builder")
        && c.getEnclosingClass()
            .map(
                outer ->
                    outer.getModifiers().contains(JavaModifier.PUBLIC)
                        && List.of(ROOT, ROOT + ".auth", ROOT + ".exception")
                            .contains(outer.getPackageName()))
            .orElse(false);
  }

  static boolean isVisible(java.util.Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  static boolean isHidden(JavaClass type) {
    String name = type.getName();
    return name.startsWith("feign.") || name.startsWith(ROOT + ".internal");
  }
}
