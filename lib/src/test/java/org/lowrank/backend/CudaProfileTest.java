package org.lowrank.backend;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code cuda} Maven profile's dependencies, checked from lib/pom.xml without downloading them (the CUDA jars are
 * ~600 MB; CI builds and tests only the CPU path): properties are resolved as Maven would, for the default build and
 * with {@code -Pcuda}.
 */
class CudaProfileTest {
    record Dep(String groupId, String artifactId, String version, String classifier) {
        @Override public String toString() { return groupId + ":" + artifactId + ":" + version + (classifier == null ? "" : ":" + classifier); }
    }

    static Element pom() throws Exception {
        Path p = Path.of("pom.xml");
        assertTrue(Files.isRegularFile(p), "tests run in lib/ (surefire's basedir)");
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
        return d.getDocumentElement();
    }

    static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element c && c.getTagName().equals(name)) return c;
        return null;
    }

    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        if (e == null) return out;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element c && c.getTagName().equals(name)) out.add(c);
        return out;
    }

    static void readProperties(Element props, Map<String, String> into) {
        if (props == null) return;
        NodeList l = props.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) if (l.item(i) instanceof Element e) into.put(e.getTagName(), e.getTextContent().trim());
    }

    static String resolve(String v, Map<String, String> props) {
        if (v == null) return null;
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(v);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String r = props.get(m.group(1));
            assertNotNull(r, "undefined property ${" + m.group(1) + "}");
            m.appendReplacement(sb, Matcher.quoteReplacement(r));
        }
        return m.appendTail(sb).toString();
    }

    static List<Dep> dependencies(String profile) throws Exception {
        Element root = pom();
        Map<String, String> props = new HashMap<>();
        readProperties(child(root, "properties"), props);
        List<Element> deps = new ArrayList<>(children(child(root, "dependencies"), "dependency"));
        Map<String, String> profileProps = new HashMap<>();
        boolean found = profile == null;
        for (Element p : children(child(root, "profiles"), "profile")) {
            if (!child(p, "id").getTextContent().trim().equals(profile)) continue;
            found = true;
            readProperties(child(p, "properties"), profileProps);
            deps.addAll(children(child(p, "dependencies"), "dependency"));
        }
        assertTrue(found, "profile " + profile + " exists");
        props.putAll(profileProps);
        List<Dep> out = new ArrayList<>();
        for (Element d : deps) {
            if (child(d, "scope") != null && child(d, "scope").getTextContent().trim().equals("test")) continue;
            Element c = child(d, "classifier");
            out.add(new Dep(resolve(child(d, "groupId").getTextContent().trim(), props),
                    resolve(child(d, "artifactId").getTextContent().trim(), props),
                    resolve(child(d, "version").getTextContent().trim(), props), c == null ? null : resolve(c.getTextContent().trim(), props)));
        }
        return out;
    }

    static boolean has(List<Dep> deps, String g, String a, String v, String c) {
        return deps.contains(new Dep(g, a, v, c));
    }

    @Test
    void defaultBuildIsCpuOnly() throws Exception {
        List<Dep> d = dependencies(null);
        assertTrue(has(d, "org.nd4j", "nd4j-native", "1.0.0-M2.1", null), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.artifactId().equals("nd4j-native") && x.classifier() != null
                && x.classifier().startsWith("linux-x86_64")), d.toString());
        assertTrue(d.stream().noneMatch(x -> x.artifactId().contains("cuda")), d.toString());
    }

    @Test
    void cudaProfileSwapsTheBackendAndAddsTheRuntime() throws Exception {
        List<Dep> d = dependencies("cuda");
        assertTrue(has(d, "org.nd4j", "nd4j-cuda-11.6", "1.0.0-M2.1", null), d.toString());
        assertTrue(has(d, "org.nd4j", "nd4j-cuda-11.6", "1.0.0-M2.1", "linux-x86_64"), d.toString());
        assertTrue(has(d, "org.bytedeco", "cuda", "11.6-8.3-1.5.7", "linux-x86_64-redist"), d.toString());
        assertTrue(d.stream().noneMatch(x -> x.artifactId().equals("nd4j-native")), "no CPU backend with -Pcuda: " + d);
    }

    @Test
    void noForbiddenArtifactsInEitherBuild() throws Exception {
        for (String profile : new String[]{null, "cuda"}) {
            for (Dep x : dependencies(profile)) {
                assertFalse(x.artifactId().endsWith("-platform"), x.toString());
                assertNotEquals("deeplearning4j-core", x.artifactId(), x.toString());
            }
        }
    }

    @Test
    void cudaRuntimeJarsGoToTheirOwnFolder() throws Exception {
        Element root = pom();
        Map<String, String> props = new HashMap<>();
        readProperties(child(root, "properties"), props);
        assertEquals("dependency", props.get("dependency.dir"));
        for (Element p : children(child(root, "profiles"), "profile")) {
            if (!child(p, "id").getTextContent().trim().equals("cuda")) continue;
            Map<String, String> pp = new HashMap<>();
            readProperties(child(p, "properties"), pp);
            assertEquals("dependency-cuda", pp.get("dependency.dir"));
        }
    }
}
