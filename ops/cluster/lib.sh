# Shared by the ops/cluster scripts (sourced): the repository root, pom.xml properties, the JVM flags.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# A <property> of pom.xml, so the cluster runs the versions the build uses.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1
}

# jvm.flags on one line: what Spark needs on Java 17 (the launcher and Surefire use the same list).
jvm_flags() {
  grep -v '^#' "$root/jvm.flags" | tr '\n' ' '
}
