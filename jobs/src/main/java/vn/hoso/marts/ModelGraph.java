package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamedParameter;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;
import vn.hoso.io.ModelSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQL models of some layers as one graph: ordered by their declared {@code inputs}, each run with
 * Spark SQL (only the parameters it declares bound, as values) and bound as a temp view under its name for
 * the models that read it. What a model reads is checked against Spark's parse of its SQL, not by matching
 * text, so a relation the SQL reads but the YAML does not declare (or the reverse) fails before anything runs.
 * A source {@code source:<layer>.<table>} is read in SQL as {@code <layer>_<table>} and bound by the job.
 */
public final class ModelGraph {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelGraph.class);

    private final Map<String, ModelSpec> models;
    private final Map<String, ModelSpec> templates;
    private final List<ModelSpec> order;

    private ModelGraph(Map<String, ModelSpec> models, Map<String, ModelSpec> templates) {
        this.models = models;
        this.templates = templates;
        this.order = topological();
    }

    /** The models of {@code layers} on the classpath (those computed in Java are not run). */
    public static ModelGraph load(String... layers) {
        Set<String> wanted = Set.of(layers);
        return of(ModelSpec.all().values().stream().filter(m -> wanted.contains(m.layer())).toList());
    }

    /** A graph of the given models; fails on a cycle or an input that is neither a model nor a source. */
    public static ModelGraph of(List<ModelSpec> specs) {
        Map<String, ModelSpec> run = new TreeMap<>();
        Map<String, ModelSpec> templates = new TreeMap<>();
        for (ModelSpec m : specs) {
            if (!m.placeholders().isEmpty()) {
                templates.put(m.name(), m);
            } else if (m.computedIn() == null) {
                run.put(m.name(), m);
            }
        }
        return new ModelGraph(run, templates);
    }

    /** The models in the order they run (inputs first; ties by name, so the order is stable). */
    public List<ModelSpec> order() {
        return order;
    }

    /** The sources the models read, as {@code <layer>.<table>}, for the job to bind. */
    public TreeSet<String> sources() {
        TreeSet<String> out = new TreeSet<>();
        models.values().forEach(m -> m.inputs().stream().filter(m::isSource)
                .forEach(i -> out.add(i.substring(ModelSpec.SOURCE.length()))));
        return out;
    }

    /** The relation name an input is read under in SQL: a model's name, or {@code <layer>_<table>} for a source. */
    public static String relation(String input) {
        return input.startsWith(ModelSpec.SOURCE) ? input.substring(ModelSpec.SOURCE.length()).replace('.', '_') : input;
    }

    /**
     * Binds the sources ({@code <layer>.<table>} to data) as views, then runs every model in order and binds
     * it under its name. Nothing is computed here beyond Spark's analysis: the caller's writes run the plans.
     *
     * @param params the parameter values the job offers; each model binds only those it declares
     */
    public Result run(SparkSession spark, Map<String, Dataset<Row>> sources, Map<String, Object> params) {
        for (String source : sources()) {
            Dataset<Row> data = sources.get(source);
            if (data == null) {
                throw new IllegalStateException("the job binds no data for source:" + source
                        + ", which " + readersOf(ModelSpec.SOURCE + source) + " read");
            }
            data.createOrReplaceTempView(relation(ModelSpec.SOURCE + source));
        }
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        List<Dataset<Row>> persisted = new ArrayList<>();
        for (ModelSpec m : order) {
            long started = System.nanoTime();
            Dataset<Row> result = runModel(spark, m, params);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= 1000) {
                // Spark analyses a model's SQL (with every view it reads inlined) when it is bound: a slow one is a plan to cut
                LOG.info("model {} analysed in {} ms", m.name(), millis);
            }
            if (m.checkpoint()) {
                // a local checkpoint, not eager: nothing runs now, the first write computes and keeps it (memory, then
                // disk), and the models that read it are analysed against one leaf instead of its whole plan inlined
                // again at every reference (the index's models took minutes of analysis on a tiny fixture without it)
                result = result.localCheckpoint(false);
                persisted.add(result);
            } else if (m.persist()) {
                result = result.persist(StorageLevel.MEMORY_AND_DISK());
                persisted.add(result);
            }
            result.createOrReplaceTempView(m.name());
            out.put(m.name(), result);
        }
        return new Result(out, persisted);
    }

    /** Each model's result, in run order; {@link #unpersist()} frees what {@code persist: true} kept. */
    public record Result(Map<String, Dataset<Row>> byModel, List<Dataset<Row>> persisted) {
        public void unpersist() {
            persisted.forEach(d -> {
                if (d.logicalPlan() instanceof org.apache.spark.sql.execution.LogicalRDD checkpointed) {
                    checkpointed.rdd().unpersist(false);  // a checkpoint keeps its blocks in its RDD, not in the cache
                }
                d.unpersist();
            });
        }
    }

    /**
     * Runs one model over the views bound now (its inputs), after checking its SQL reads exactly its declared
     * inputs and uses exactly its declared parameters. Tests call it to run a model alone.
     */
    public Dataset<Row> runModel(SparkSession spark, ModelSpec m, Map<String, Object> params) {
        return runModel(spark, m, params, KpiCatalog.all());
    }

    /**
     * {@link #runModel(SparkSession, ModelSpec, Map)} with the KPI markers expanded from {@code registry}. The
     * constants of {@code sql/constants.yml} are offered beside the job's parameters (the job's win).
     */
    public Dataset<Row> runModel(SparkSession spark, ModelSpec m, Map<String, Object> jobParams, Map<String, KpiCatalog.Kpi> registry) {
        String sql = sql(m, registry);
        check(spark, m, sql);
        Map<String, Object> params = new HashMap<>(vn.hoso.config.Constants.sqlParameters());
        params.putAll(jobParams);
        Map<String, Object> bound = new HashMap<>();
        for (String p : m.parameters()) {
            if (!params.containsKey(p)) {
                throw new IllegalStateException("model " + m.name() + " declares parameter :" + p
                        + ", which the job does not provide (it provides " + new TreeSet<>(params.keySet()) + ")");
            }
            bound.put(p, params.get(p));
        }
        spark.sparkContext().setJobDescription("marts: " + m.name());
        return spark.sql(sql, bound);
    }

    /**
     * Applies a template model (one with placeholders, such as kpi_values) to data the job holds, outside the
     * graph: each placeholder's data and each source are bound as views, then the instance runs like a model.
     */
    public Dataset<Row> applyTemplate(SparkSession spark, String template, Map<String, Dataset<Row>> placeholders,
                                      Map<String, Dataset<Row>> sources, Map<String, Object> params) {
        ModelSpec t = templates.get(template);
        if (t == null) {
            throw new IllegalStateException("no template model named " + template);
        }
        Map<String, String> bind = new java.util.TreeMap<>();
        List<String> inputs = new ArrayList<>();
        placeholders.forEach((placeholder, data) -> {
            String view = template + "__" + placeholder;
            data.createOrReplaceTempView(view);
            bind.put(placeholder, view);
            inputs.add(view);
        });
        sources.forEach((source, data) -> {
            data.createOrReplaceTempView(relation(ModelSpec.SOURCE + source));
            inputs.add(ModelSpec.SOURCE + source);
        });
        for (String input : t.inputs()) {
            if (!t.placeholders().contains(input) && !inputs.contains(input)) {
                throw new IllegalStateException("template " + template + " reads " + input + ", which applyTemplate was not given");
            }
        }
        ModelSpec instance = new ModelSpec(template + "_applied", t.layer(), t.description(), t.grain(), List.of(),
                List.copyOf(inputs), t.parameters(), null, List.of(), template, bind, List.of(), null, false, false, false);
        return runModel(spark, instance, params);
    }

    /** The model's SQL: its own file, or its template's with the placeholders bound as CTEs around it. */
    public String sql(ModelSpec m) {
        return sql(m, KpiCatalog.all());
    }

    private String sql(ModelSpec m, Map<String, KpiCatalog.Kpi> registry) {
        if (m.template() == null) {
            return SqlModels.text(m.sqlPath(), registry);
        }
        ModelSpec t = templates.get(m.template());
        if (t == null) {
            throw new IllegalStateException(m.yamlPath() + ": template " + m.template() + " is no model with placeholders");
        }
        if (!m.bind().keySet().equals(new TreeSet<>(t.placeholders()))) {
            throw new IllegalStateException(m.yamlPath() + ": bind must give exactly the placeholders of "
                    + t.name() + " " + new TreeSet<>(t.placeholders()) + ", not " + new TreeSet<>(m.bind().keySet()));
        }
        StringBuilder sql = new StringBuilder("with ");
        List<String> ctes = new ArrayList<>();
        m.bind().forEach((placeholder, input) -> ctes.add(placeholder + " as (select * from " + relation(input) + ")"));
        sql.append(String.join(",\n", ctes)).append("\nselect * from (\n")
                .append(SqlModels.text(t.sqlPath(), registry)).append("\n)");
        return sql.toString();
    }

    private record Parsed(TreeSet<String> relations, TreeSet<String> parameters) {
    }

    private static Parsed parse(SparkSession spark, ModelSpec m, String sql) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw new IllegalStateException("model " + m.name() + ": its SQL does not parse: " + e.getMessage(), e);
        }
        TreeSet<String> relations = new TreeSet<>();
        TreeSet<String> ctes = new TreeSet<>();
        TreeSet<String> parameters = new TreeSet<>();
        walk(plan, relations, ctes, parameters);
        relations.removeAll(ctes);
        return new Parsed(relations, parameters);
    }

    private static void walk(LogicalPlan plan, Set<String> relations, Set<String> ctes, Set<String> parameters) {
        if (plan instanceof UnresolvedRelation r) {
            relations.add(String.join(".", JavaConverters.seqAsJavaList(r.multipartIdentifier())));
        }
        if (plan instanceof UnresolvedWith w) {
            JavaConverters.seqAsJavaList(w.cteRelations()).forEach(c -> ctes.add(c._1()));
        }
        for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
            walk(e, relations, ctes, parameters);
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            walk(child, relations, ctes, parameters);
        }
        for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
            if (inner instanceof LogicalPlan p) {
                walk(p, relations, ctes, parameters);
            }
        }
    }

    private static void walk(Expression e, Set<String> relations, Set<String> ctes, Set<String> parameters) {
        if (e instanceof NamedParameter p) {
            parameters.add(p.name());
        }
        if (e instanceof SubqueryExpression s) {
            walk(s.plan(), relations, ctes, parameters);
        }
        for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
            walk(child, relations, ctes, parameters);
        }
    }

    /** Fails unless {@code sql} reads exactly the model's inputs and uses exactly its parameters. */
    void check(SparkSession spark, ModelSpec m, String sql) {
        Parsed parsed = parse(spark, m, sql);
        TreeSet<String> declared = new TreeSet<>();
        m.inputs().forEach(i -> declared.add(relation(i)));
        TreeSet<String> undeclared = new TreeSet<>(parsed.relations());
        undeclared.removeAll(declared);
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("model " + m.name() + " reads " + undeclared
                    + " but does not declare it in inputs (" + m.yamlPath() + ")");
        }
        TreeSet<String> unread = new TreeSet<>(declared);
        unread.removeAll(parsed.relations());
        if (!unread.isEmpty()) {
            throw new IllegalStateException("model " + m.name() + " declares inputs " + unread
                    + " its SQL does not read (" + m.yamlPath() + ")");
        }
        TreeSet<String> undeclaredParams = new TreeSet<>(parsed.parameters());
        undeclaredParams.removeAll(m.parameters());
        if (!undeclaredParams.isEmpty()) {
            throw new IllegalStateException("model " + m.name() + " uses parameters " + undeclaredParams.stream().map(p -> ":" + p).toList()
                    + " but does not declare them in parameters (" + m.yamlPath() + ")");
        }
        TreeSet<String> unusedParams = new TreeSet<>(m.parameters());
        unusedParams.removeAll(parsed.parameters());
        if (!unusedParams.isEmpty()) {
            throw new IllegalStateException("model " + m.name() + " declares parameters " + unusedParams
                    + " its SQL does not use (" + m.yamlPath() + ")");
        }
    }

    private List<ModelSpec> topological() {
        for (ModelSpec m : models.values()) {
            for (String input : m.inputs()) {
                if (!m.isSource(input) && !models.containsKey(input)) {
                    throw new IllegalStateException("model " + m.name() + " reads input " + input
                            + ", which is no model of this graph " + models.keySet()
                            + " (a source is written source:<layer>.<table>) (" + m.yamlPath() + ")");
                }
            }
        }
        List<ModelSpec> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        Deque<String> path = new ArrayDeque<>();
        for (String name : models.keySet()) {
            visit(name, state, path, out);
        }
        return List.copyOf(out);
    }

    private void visit(String name, Map<String, Integer> state, Deque<String> path, List<ModelSpec> out) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>();
            boolean on = false;
            for (java.util.Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
                String n = it.next();
                on |= n.equals(name);
                if (on) {
                    cycle.add(n);
                }
            }
            cycle.add(name);
            throw new IllegalStateException("the model graph has a cycle: " + String.join(" -> ", cycle));
        }
        state.put(name, 1);
        path.push(name);
        ModelSpec m = models.get(name);
        for (String input : new TreeSet<>(m.inputs())) {
            if (!m.isSource(input)) {
                visit(input, state, path, out);
            }
        }
        path.pop();
        state.put(name, 2);
        out.add(m);
    }

    private String readersOf(String input) {
        return models.values().stream().filter(m -> m.inputs().contains(input)).map(ModelSpec::name).toList().toString();
    }
}
