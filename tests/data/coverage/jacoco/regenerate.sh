#!/bin/sh
# Regenerates the JaCoCo 0.8.6 fixtures (Debian's libjacoco-java, OpenJDK 17, classes
# compiled with --release 11). Debian ships no org.jacoco.cli jar and its agent.rt jar has
# no Premain-Class, so: a manifest-only agent jar points at Debian's jars, and
# src/tools/Report.java does what `java -jar jacococli.jar report --xml --csv` does.
#   apt-get install -y libjacoco-java default-jdk-headless
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
J=/usr/share/java
CP=$J/org.jacoco.core.jar:$J/org.jacoco.report.jar:$J/asm.jar:$J/asm-commons.jar:$J/asm-tree.jar
rm -rf build && mkdir -p build/classes build/test-classes build/tools
javac --release 11 -g -d build/classes $(find src/main -name '*.java')
javac --release 11 -g -cp build/classes -d build/test-classes $(find src/test -name '*.java')
javac -cp "$CP" -d build/tools src/tools/Report.java
printf 'Manifest-Version: 1.0\nPremain-Class: org.jacoco.agent.rt.internal.PreMain\nClass-Path: %s\n' \
    "$J/org.jacoco.agent.rt.jar $J/org.jacoco.core.jar $J/asm.jar $J/asm-commons.jar $J/asm-tree.jar" > build/MANIFEST.MF
(cd build && jar cfm agent.jar MANIFEST.MF)
# The "test": gk.fixture.Main (in src/test) exercises part of the code in src/main
java -javaagent:build/agent.jar=destfile=build/jacoco.exec,includes=gk.* \
    -cp build/classes:build/test-classes gk.fixture.Main
# Analyse only the main classes (like the Maven plugin's report goal)
java -cp "$CP:build/tools" Report build/jacoco.exec build/classes src/main fixture run.xml run.csv
/usr/bin/python3 make_expected.py run
rm -rf build
