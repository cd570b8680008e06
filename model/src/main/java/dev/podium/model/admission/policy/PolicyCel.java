package dev.podium.model.admission.policy;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.HomogeneousLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CEL environment of admission policy expressions, after kube's admission compiler: {@code object},
 * {@code oldObject}, {@code request} and {@code namespaceObject} always; {@code params} only when the policy has a
 * paramKind; {@code variables} only when it declares variables, as a struct whose fields are the variables compiled
 * so far with their result types (so a later variable, or an unknown one, is "undefined field"). The extensions and
 * literal checks are those of CRD rules. The {@code authorizer} library is not offered: an expression using it does
 * not compile. Environments and compilations are cached, since compiling costs far more than evaluating.
 */
final class PolicyCel {
    static final String VARIABLES_TYPE = "kubernetes.variables";
    private static final int MAX_CACHED = 10_000;
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .build();
    /** cel-java lists the overloads it tried after "found no matching overload ..."; cel-go does not. */
    private static final Pattern CANDIDATES = Pattern.compile("(?m) \\(candidates: .*\\)$");
    private static final Map<Env, Environment> ENVIRONMENTS = new ConcurrentHashMap<>();
    private static final Map<Key, Compiled> COMPILED = new ConcurrentHashMap<>();

    private PolicyCel() {}

    /** What an expression must evaluate to, as kube's ExpressionAccessor.ReturnTypes. */
    enum Kind {
        CONDITION(SimpleType.BOOL), MESSAGE(SimpleType.STRING), VARIABLE(SimpleType.ANY),
        AUDIT_ANNOTATION(SimpleType.STRING, SimpleType.NULL_TYPE);

        final List<CelType> returns;

        Kind(CelType... returns) {
            this.returns = List.of(returns);
        }
    }

    /** The declarations in scope: params or not, and the variables (null when the policy has none). */
    record Env(boolean params, Map<String, CelType> variables) {
        Env {
            variables = variables == null ? null : Map.copyOf(variables);
        }
    }

    /** A compiled expression: its program and result type, or kube's words for why it did not compile. */
    record Compiled(CelRuntime.Program program, CelType type, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private record Key(String expression, Kind kind, Env env) {}

    private record Environment(Cel cel, CelValidator literals) {}

    static Compiled compile(String expression, Kind kind, Env env) {
        Key key = new Key(expression, kind, env);
        Compiled hit = COMPILED.get(key);
        if (hit != null) return hit;
        if (COMPILED.size() >= MAX_CACHED) COMPILED.clear();
        return COMPILED.computeIfAbsent(key, k -> compileUncached(k.expression(), k.kind(), environment(k.env())));
    }

    private static Compiled compileUncached(String expression, Kind kind, Environment env) {
        CelValidationResult result = env.cel().compile(expression);
        if (!result.hasError()) result = env.literals().validate(ast(result));
        if (result.hasError()) return new Compiled(null, null, "compilation failed: " + CANDIDATES.matcher(result.getErrorString()).replaceAll(""));
        CelAbstractSyntaxTree ast = ast(result);
        CelType type = ast.getResultType();
        if (kind != Kind.VARIABLE && !kind.returns.contains(type)) {
            String expected = kind.returns.size() == 1 ? typeName(kind.returns.get(0))
                    : "one of " + kind.returns.stream().map(PolicyCel::typeName).collect(Collectors.joining(" ", "[", "]"));
            return new Compiled(null, type, "must evaluate to " + expected + " but got " + typeName(type));
        }
        try {
            return new Compiled(env.cel().createProgram(ast), type, null);
        } catch (CelEvaluationException e) {
            return new Compiled(null, type, "program instantiation failed: " + e.getMessage());
        }
    }

    /** cel-go's name of a type: {@code bool}, {@code list(dyn)}, {@code map(string, int)}, {@code null_type}. */
    static String typeName(CelType type) {
        if (type.parameters().isEmpty()) return type.name();
        return type.name() + type.parameters().stream().map(PolicyCel::typeName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result) {
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("CEL returned no AST for an expression without errors", e);
        }
    }

    private static Environment environment(Env env) {
        Environment hit = ENVIRONMENTS.get(env);
        if (hit != null) return hit;
        if (ENVIRONMENTS.size() >= 1_000) ENVIRONMENTS.clear();
        return ENVIRONMENTS.computeIfAbsent(env, PolicyCel::build);
    }

    private static Environment build(Env env) {
        EnumSet<CelStringExtensions.Function> strings = EnumSet.allOf(CelStringExtensions.Function.class);
        strings.remove(CelStringExtensions.Function.REVERSE); // strings v3; kube serves v2
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(PolicyActivation.OBJECT, SimpleType.DYN)
                .addVar(PolicyActivation.OLD_OBJECT, SimpleType.DYN)
                .addVar(PolicyActivation.REQUEST, SimpleType.DYN)
                .addVar(PolicyActivation.NAMESPACE_OBJECT, SimpleType.DYN)
                .addCompilerLibraries(CelExtensions.strings(strings), CelExtensions.sets(OPTIONS),
                        CelExtensions.optional(), CelExtensions.comprehensions())
                .addRuntimeLibraries(CelExtensions.strings(strings), CelExtensions.sets(OPTIONS),
                        CelExtensions.optional(), CelExtensions.comprehensions());
        if (env.params()) builder.addVar(PolicyActivation.PARAMS, SimpleType.DYN);
        if (env.variables() != null) {
            StructType variables = StructType.create(VARIABLES_TYPE, ImmutableSet.copyOf(env.variables().keySet()),
                    name -> Optional.ofNullable(env.variables().get(name)));
            builder.setTypeProvider(new CelTypeProvider() {
                @Override
                public ImmutableCollection<CelType> types() {
                    return ImmutableList.of(variables);
                }

                @Override
                public Optional<CelType> findType(String name) {
                    return VARIABLES_TYPE.equals(name) ? Optional.of(variables) : Optional.empty();
                }
            });
            builder.addVar(PolicyActivation.VARIABLES, variables);
        }
        Cel cel = builder.build();
        return new Environment(cel, CelValidatorFactory.standardCelValidatorBuilder(cel)
                .addAstValidators(HomogeneousLiteralValidator.newInstance(),
                        DurationLiteralValidator.INSTANCE, TimestampLiteralValidator.INSTANCE)
                .build());
    }
}
