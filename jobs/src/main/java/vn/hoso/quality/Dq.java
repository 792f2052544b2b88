package vn.hoso.quality;

import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import scala.Option;
import scala.runtime.AbstractFunction1;

import java.util.function.DoublePredicate;

/**
 * Deequ from Java: its Scala default arguments passed explicitly, assertions as Scala functions, and
 * the Check constructor's Scala Seq (STACK.md). Job code builds checks through this and nothing else.
 */
final class Dq {
    private Dq() {
    }

    static Check check(boolean error, String description) {
        return new Check(error ? CheckLevel.Error() : CheckLevel.Warning(), description,
                scala.collection.immutable.List$.MODULE$.<com.amazon.deequ.constraints.Constraint>empty());
    }

    /** A Scala {@code Double => Boolean} (assertions run on the driver). */
    static scala.Function1<Object, Object> assertion(DoublePredicate test) {
        return new Assertion(test);
    }

    static Check satisfies(Check check, String sqlCondition, String name, DoublePredicate test) {
        return check.satisfies(sqlCondition, name, assertion(test), Option.empty(),
                scala.collection.immutable.List$.MODULE$.<String>empty(), Option.empty());
    }

    static Check isComplete(Check check, String column) {
        return check.isComplete(column, Option.empty(), Option.empty());
    }

    static Check isUnique(Check check, String column) {
        return check.isUnique(column, Option.empty(), Option.empty());
    }

    static Check hasCompleteness(Check check, String column, DoublePredicate test) {
        return check.hasCompleteness(column, assertion(test), Option.empty(), Option.empty());
    }

    private static final class Assertion extends AbstractFunction1<Object, Object> {
        private final DoublePredicate test;

        Assertion(DoublePredicate test) {
            this.test = test;
        }

        @Override
        public Object apply(Object value) {
            return test.test(((Number) value).doubleValue());
        }
    }
}
