package dev.podium.model.admission.policy;

import dev.podium.model.crd.CelEvaluationErrors;
import dev.cel.runtime.CelEvaluationException;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variables} of one evaluation, as kube's composition does it: a variable is evaluated when an expression
 * first reads it (so a failing variable that nothing reads fails nothing) and its value or error is kept for the
 * other expressions. Variables read earlier ones through the same activation. An error reaches the reading
 * expression as {@code composited variable "name" fails to evaluate: ...}.
 */
final class LazyVariables extends AbstractMap<String, Object> {
    private final Map<String, CompiledPolicy.Variable> variables = new LinkedHashMap<>();
    private final Map<String, Object> activation;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();

    LazyVariables(List<CompiledPolicy.Variable> variables, Map<String, Object> activation) {
        for (CompiledPolicy.Variable v : variables) this.variables.put(v.name(), v); // a repeated name: the last one wins, as in kube
        this.activation = activation;
    }

    /** Thrown into cel-java, which reports it as an evaluation error of the expression that read the variable. */
    static final class VariableFailure extends RuntimeException {
        VariableFailure(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return variables.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        CompiledPolicy.Variable variable = variables.get(key);
        if (variable == null) return null;
        String name = variable.name();
        if (!values.containsKey(name) && !errors.containsKey(name)) evaluate(variable);
        if (errors.containsKey(name)) throw new VariableFailure(errors.get(name));
        return values.get(name);
    }

    private void evaluate(CompiledPolicy.Variable variable) {
        String name = variable.name();
        if (variable.compiled().failed()) {
            errors.put(name, "composited variable \"" + name + "\" fails to compile: " + variable.compiled().error());
            return;
        }
        errors.put(name, "composited variable \"" + name + "\" refers to itself"); // a cycle reads this, not a stack overflow
        try {
            Object value = variable.compiled().program().eval(activation);
            errors.remove(name);
            values.put(name, value);
        } catch (CelEvaluationException e) {
            errors.put(name, "composited variable \"" + name + "\" fails to evaluate: " + CelEvaluationErrors.celGoMessage(e));
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> entries = new LinkedHashSet<>();
        for (String name : variables.keySet()) entries.add(new SimpleImmutableEntry<>(name, get(name)));
        return entries;
    }
}
