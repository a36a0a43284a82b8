package org.lowrank.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code %maven}: resolves artifacts with their compile and runtime dependencies by running Maven itself
 * ({@code mvn dependency:build-classpath} on a generated pom), first offline from the local repository
 * ({@code ~/.m2}), then, if that fails, online (Maven Central and whatever {@code settings.xml} configures).
 *
 * <p>Why Maven and not a resolver library inside the kernel: Maven is already required to build this
 * project, it honours the user's settings (mirrors, proxies, credentials) for free, and it keeps the
 * kernel jar small and free of a second copy of Maven's dependency tree. The command is {@code mvn}, or the
 * value of the {@code MAVEN_CMD} environment variable.
 */
final class MavenResolver {
    private static final Pattern COORDS = Pattern.compile("[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}");
    private static final String DEPENDENCY_PLUGIN_VERSION = "3.6.1";

    private volatile Process running;

    /** The jars of {@code coordinates} (group:artifact[:extension[:classifier]]:version) and their deps. */
    List<Path> resolve(List<String> coordinates) throws IOException {
        StringBuilder deps = new StringBuilder();
        for (String c : coordinates) {
            if (!COORDS.matcher(c).matches()) {
                throw new IllegalArgumentException("coordinates must be group:artifact[:extension[:classifier]]:version, got '"
                        + c + "'");
            }
            deps.append(dependencyXml(c));
        }
        Path dir = Files.createTempDirectory("kernel-maven");
        try {
            Path pom = dir.resolve("pom.xml");
            Path out = dir.resolve("classpath.txt");
            Files.writeString(pom, pomXml(deps.toString()), StandardCharsets.UTF_8);
            String log = run(dir, pom, out, true);
            if (!Files.exists(out)) {
                log = run(dir, pom, out, false);
            }
            if (!Files.exists(out)) {
                throw new IllegalStateException("Maven could not resolve " + coordinates + ":\n" + tail(log));
            }
            List<Path> jars = new ArrayList<>();
            for (String p : Files.readString(out, StandardCharsets.UTF_8).strip().split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) jars.add(Path.of(p));
            }
            return jars;
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    void interrupt() {
        Process p = running;
        if (p != null) p.destroyForcibly();
    }

    private String run(Path dir, Path pom, Path out, boolean offline) throws IOException {
        String mvn = System.getenv().getOrDefault("MAVEN_CMD", "mvn");
        List<String> cmd = new ArrayList<>(List.of(mvn, "-q", "-B"));
        if (offline) cmd.add("-o");
        cmd.addAll(List.of("-f", pom.toString(), "org.apache.maven.plugins:maven-dependency-plugin:"
                + DEPENDENCY_PLUGIN_VERSION + ":build-classpath", "-Dmdep.outputFile=" + out,
                "-Dmdep.includeScope=runtime"));
        Path logFile = dir.resolve(offline ? "offline.log" : "online.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        running = p;
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("Maven took more than 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            running = null;
        }
        return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    }

    private static String tail(String log) {
        String[] lines = log.strip().split("\n");
        int from = Math.max(0, lines.length - 15);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    static String dependencyXml(String coords) {
        String[] p = coords.split(":");
        String g = p[0], a = p[1], v = p[p.length - 1];
        String type = p.length >= 4 ? p[2] : "jar";
        String classifier = p.length == 5 ? p[3] : null;
        return "    <dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
                + "</version><type>" + type + "</type>"
                + (classifier == null ? "" : "<classifier>" + classifier + "</classifier>") + "</dependency>\n";
    }

    static String pomXml(String dependencies) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>kernel.maven</groupId><artifactId>resolve</artifactId><version>1</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <dependencies>\n" + dependencies + "  </dependencies>\n"
                + "</project>\n";
    }
}
