# Sourced by the launchers of bin/ (POSIX sh) after they set FERRY_HOME, MAIN_CLASS and their
# JVM flags, in DEFAULT_JVM_OPTS or JVM_OPTIONS_FILE (a java @argument file of them): finds
# Java 17+ (JAVA_HOME, else java on the PATH) and runs MAIN_CLASS on lib/*. FERRY_OPTS comes
# after the defaults, so it adds JVM flags and overrides them (the last of two -XX flags wins),
# e.g. FERRY_OPTS="-XX:MaxRAMPercentage=50 -Duser.timezone=UTC".

if [ -n "${JAVA_HOME:-}" ]; then
  JAVACMD=$JAVA_HOME/bin/java
  if [ ! -x "$JAVACMD" ]; then
    echo "$0: JAVA_HOME is set to $JAVA_HOME, which has no bin/java" >&2
    exit 1
  fi
else
  JAVACMD=$(command -v java) || {
    echo "$0: no java found: install Java 17 or later, or set JAVA_HOME" >&2
    exit 1
  }
fi

# Word splitting of the options is wanted here: they are lists of flags.
# shellcheck disable=SC2086
exec "$JAVACMD" ${JVM_OPTIONS_FILE:+"@$JVM_OPTIONS_FILE"} ${DEFAULT_JVM_OPTS:-} ${FERRY_OPTS:-} \
  -cp "$FERRY_HOME/lib/*" "$MAIN_CLASS" "$@"
