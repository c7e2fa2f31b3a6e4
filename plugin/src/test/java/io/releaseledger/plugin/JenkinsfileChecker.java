package io.releaseledger.plugin;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;

/**
 * Checks a Jenkinsfile's use of the Release Ledger steps without running it: Groovy parses it into an AST (the
 * CONVERSION phase, so nothing it refers to has to be on the class path; a declarative {@code pipeline { }} is a
 * Groovy method call too), and every call whose name is one of the plugin's steps or nested describables has its
 * named arguments checked against that class's {@code @DataBoundConstructor} and {@code @DataBoundSetter}s. A
 * call whose name is a near miss of one of those names is reported as a misspelling. Uses only AST types that
 * Groovy 2.4 (in the -Pjenkins build) and Groovy 5 share.
 */
final class JenkinsfileChecker {
    private final PipelineVocabulary vocabulary;

    JenkinsfileChecker(PipelineVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** What a file calls and what is wrong with it. */
    record Result(Set<String> called, List<String> problems) {}

    /**
     * @param name shown in each problem, e.g. {@code docs/examples/Jenkinsfile.scripted}
     */
    Result check(String name, String text) {
        List<String> problems = new ArrayList<>();
        Set<String> called = new LinkedHashSet<>();
        ModuleNode module;
        try {
            CompilationUnit unit = new CompilationUnit();
            unit.addSource(name, text);
            unit.compile(Phases.CONVERSION);
            module = unit.getAST().getModules().get(0);
        } catch (CompilationFailedException e) {
            problems.add(name + ": not valid Groovy: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
            return new Result(called, problems);
        }
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String method = call.getMethodAsString();
                if (method != null) {
                    PipelineVocabulary.Entry entry = vocabulary.bySymbol.get(method);
                    String where = name + ":" + call.getLineNumber() + ": ";
                    if (entry != null) {
                        called.add(method);
                        checkCall(where, entry, call.getArguments(), problems);
                    } else {
                        String near = nearMiss(method);
                        if (near != null) problems.add(where + "unknown step or symbol " + method + "; did you mean " + near + "?");
                    }
                }
                super.visitMethodCallExpression(call);
            }
        };
        module.getStatementBlock().visit(visitor);
        for (MethodNode method : module.getMethods()) method.getCode().visit(visitor);
        return new Result(called, problems);
    }

    private void checkCall(String where, PipelineVocabulary.Entry entry, Expression arguments, List<String> problems) {
        List<Expression> args = arguments instanceof TupleExpression tuple ? tuple.getExpressions() : List.of(arguments);
        List<MapExpression> named = new ArrayList<>();
        List<Expression> positional = new ArrayList<>();
        boolean block = false;
        for (Expression a : args) {
            if (a instanceof MapExpression map) {
                named.add(map);
            } else if (a instanceof ClosureExpression) {
                block = true;
            } else {
                positional.add(a);
            }
        }
        // Pipeline takes a trailing closure as the body even when it is a variable: deployRelease(…, deployBody).
        if (entry.takesBlock() && !block && !named.isEmpty() && positional.size() == 1 && args.get(args.size() - 1) == positional.get(0)) {
            positional.clear();
            block = true;
        }
        if (block && !entry.takesBlock()) problems.add(where + entry.symbol() + " takes no block { }");
        if (!positional.isEmpty()) {
            // Pipeline binds a single unnamed argument to the sole required parameter.
            if (!(positional.size() == 1 && named.isEmpty() && entry.required().size() == 1)) {
                problems.add(where + entry.symbol() + " takes named arguments (" + entry.describe() + ")");
            }
            return;
        }
        checkNamed(where, entry, named, problems);
    }

    private void checkNamed(String where, PipelineVocabulary.Entry entry, List<MapExpression> maps, List<String> problems) {
        Set<String> given = new LinkedHashSet<>();
        boolean spread = false;
        for (MapExpression map : maps) {
            for (MapEntryExpression e : map.getMapEntryExpressions()) {
                if (!(e.getKeyExpression() instanceof ConstantExpression key)) {
                    spread = true; // *:someMap or a computed key: cannot be checked here
                    continue;
                }
                String parameter = key.getText();
                given.add(parameter);
                if (parameter.equals("$class")) continue;
                Type type = entry.parameters().get(parameter);
                if (type == null) {
                    problems.add(where + entry.symbol() + " has no parameter " + parameter + " (it takes: " + entry.describe() + ")");
                    continue;
                }
                // A nested describable written as a map, e.g. verification: [interval: '10s']
                Class<?> raw = PipelineVocabulary.raw(type);
                if (e.getValueExpression() instanceof MapExpression nested && raw != null) {
                    vocabulary.bySymbol.values().stream().filter(n -> n.type() == raw).findFirst()
                            .ifPresent(n -> checkNamed(where, n, List.of(nested), problems));
                }
            }
        }
        if (spread) return;
        for (String required : entry.required()) {
            if (!given.contains(required)) problems.add(where + entry.symbol() + " needs " + required);
        }
    }

    /** One of the plugin's names that {@code method} is probably a misspelling of, or {@code null}. */
    String nearMiss(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        for (String symbol : vocabulary.bySymbol.keySet()) {
            String s = symbol.toLowerCase(Locale.ROOT);
            if (m.equals(s) || (Math.min(m.length(), s.length()) >= 6 && distance(m, s) <= 2)) return symbol;
        }
        return null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
