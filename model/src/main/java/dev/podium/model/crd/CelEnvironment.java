package dev.podium.model.crd;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.HomogeneousLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of CRD validation rules, after kube's base environment: {@code self} and {@code oldSelf}
 * (an optional when the rule sets optionalOldSelf), the standard macros, cross-type numeric comparisons, optional
 * syntax, and the strings, sets and two-variable comprehension extensions. Aggregate literals must be homogeneous and
 * duration and timestamp literals valid at compile time. Regex literals are not checked then: cel-java's check uses
 * java.util.regex, which rejects RE2 syntax (e.g. {@code (?P<name>...)}) that its RE2J runtime and kube accept, so a
 * bad pattern surfaces when the rule runs. Without the schema, self and oldSelf are dyn.
 * Compilations are cached by expression, since compiling costs far more than evaluating.
 */
final class CelEnvironment {
    static final String SELF = "self";
    static final String OLD_SELF = "oldSelf";

    private static final int MAX_CACHED = 10_000;
    private static final Map<Key, CelCompilation> CACHE = new ConcurrentHashMap<>();

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .build();
    private static final Environment WITH_OLD_SELF = new Environment(build(SimpleType.DYN));
    private static final Environment WITH_OPTIONAL_OLD_SELF = new Environment(build(OptionalType.create(SimpleType.DYN)));

    private CelEnvironment() {}

    private enum Kind { RULE, MESSAGE_EXPRESSION }

    private record Key(String expression, Kind kind, boolean optionalOldSelf) {}

    private record Environment(Cel cel, CelValidator literals) {
        Environment(Cel cel) {
            this(cel, CelValidatorFactory.standardCelValidatorBuilder(cel)
                    .addAstValidators(HomogeneousLiteralValidator.newInstance(),
                            DurationLiteralValidator.INSTANCE, TimestampLiteralValidator.INSTANCE)
                    .build());
        }
    }

    static CelCompilation rule(String expression, boolean optionalOldSelf) {
        return cached(new Key(expression, Kind.RULE, optionalOldSelf));
    }

    static CelCompilation messageExpression(String expression, boolean optionalOldSelf) {
        return cached(new Key(expression, Kind.MESSAGE_EXPRESSION, optionalOldSelf));
    }

    private static CelCompilation cached(Key key) {
        CelCompilation hit = CACHE.get(key);
        if (hit != null) return hit;
        if (CACHE.size() >= MAX_CACHED) CACHE.clear();
        return CACHE.computeIfAbsent(key, CelEnvironment::compile);
    }

    private static CelCompilation compile(Key key) {
        Environment env = key.optionalOldSelf() ? WITH_OPTIONAL_OLD_SELF : WITH_OLD_SELF;
        String failedPrefix = key.kind() == Kind.RULE ? "compilation failed: " : "messageExpression compilation failed: ";
        CelValidationResult compiled = env.cel().compile(key.expression());
        if (!compiled.hasError()) compiled = env.literals().validate(ast(compiled));
        if (compiled.hasError()) return CelCompilation.failed(failedPrefix + compiled.getErrorString());
        CelAbstractSyntaxTree ast = ast(compiled);
        CelKind result = ast.getResultType().kind();
        if (key.kind() == Kind.RULE && result != CelKind.BOOL && result != CelKind.DYN) {
            return CelCompilation.failed("cel expression must evaluate to a bool");
        }
        if (key.kind() == Kind.MESSAGE_EXPRESSION && result != CelKind.STRING && result != CelKind.DYN) {
            return CelCompilation.failed("messageExpression must evaluate to a string");
        }
        boolean usesOldSelf = ast.getReferenceMap().values().stream().anyMatch(r -> OLD_SELF.equals(r.name()));
        try {
            return CelCompilation.compiled(env.cel().createProgram(ast), usesOldSelf);
        } catch (CelEvaluationException e) {
            String what = key.kind() == Kind.RULE ? "program instantiation failed: " : "messageExpression instantiation failed: ";
            return CelCompilation.failed(what + e.getMessage());
        }
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result) {
        try {
            return result.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            throw new IllegalStateException("CEL returned no AST for an expression without errors", e);
        }
    }

    private static Cel build(CelType oldSelfType) {
        EnumSet<CelStringExtensions.Function> strings = EnumSet.allOf(CelStringExtensions.Function.class);
        strings.remove(CelStringExtensions.Function.REVERSE); // strings v3; kube serves v2
        return CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(SELF, SimpleType.DYN)
                .addVar(OLD_SELF, oldSelfType)
                .addCompilerLibraries(CelExtensions.strings(strings), CelExtensions.sets(OPTIONS),
                        CelExtensions.optional(), CelExtensions.comprehensions())
                .addRuntimeLibraries(CelExtensions.strings(strings), CelExtensions.sets(OPTIONS),
                        CelExtensions.optional(), CelExtensions.comprehensions())
                .build();
    }
}
