package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicsTest {
    @Test
    void recognisesMagicLines() {
        assertTrue(Magics.isMagicLine("%load setup.jsh"));
        assertTrue(Magics.isMagicLine("   %maven a:b:1"));
        assertFalse(Magics.isMagicLine("int x = 5 % 3;"));
        assertFalse(Magics.isMagicLine("% 3"));
        assertFalse(Magics.isMagicLine("    % 3;"));
    }

    @Test
    void splitsArgumentsWithQuotes() {
        assertEquals(List.of("jars", "a b.jar", "c.jar"), Magics.split("jars 'a b.jar'  c.jar"));
        assertEquals(List.of("load", "x y.jsh"), Magics.split("load \"x y.jsh\""));
        assertEquals(List.of("x", ""), Magics.split("x ''"));
        assertThrows(IllegalArgumentException.class, () -> Magics.split("load 'oops"));
    }

    @Test
    void globsFilesUnderAFolder(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("c.txt"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createFile(dir.resolve("sub/d.jar"));
        List<Path> one = Magics.glob(dir + "/*.jar");
        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")), one);
        List<Path> deep = Magics.glob(dir + "/**.jar");
        assertEquals(3, deep.size(), deep.toString());
        assertEquals(List.of(dir.resolve("c.txt")), Magics.glob(dir + "/c.txt"));
        assertEquals(List.of(), Magics.glob(dir + "/nothing-*.jar"));
    }

    @Test
    void mavenCoordinatesBecomeDependencies() {
        String xml = MavenResolver.dependencyXml("org.a:b:1.0");
        assertTrue(xml.contains("<groupId>org.a</groupId><artifactId>b</artifactId><version>1.0</version><type>jar</type>"), xml);
        String cls = MavenResolver.dependencyXml("org.a:b:jar:linux-x86_64:2");
        assertTrue(cls.contains("<version>2</version>") && cls.contains("<classifier>linux-x86_64</classifier>"), cls);
    }

    @Test
    void badMavenCoordinatesAreRejectedBeforeRunningMaven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MavenResolver().resolve(List.of("just-a-name")));
        assertTrue(e.getMessage().contains("just-a-name"), e.getMessage());
    }

    @Test
    void recognisesTimeLinesAndTheirCode() {
        assertTrue(Magics.isTimeLine("%time"));
        assertTrue(Magics.isTimeLine("%%time"));
        assertTrue(Magics.isTimeLine("  %time Thread.sleep(5);"));
        assertFalse(Magics.isTimeLine("%timer"));
        assertFalse(Magics.isTimeLine("int time = 5 % time;"));
        assertEquals("Thread.sleep(5);", Magics.timeArgument("  %time Thread.sleep(5); "));
        assertEquals("", Magics.timeArgument("%%time"));
    }

    @Test
    void formatsDurationsAndShortValues() {
        assertEquals("812 ms", Magics.duration(812_000_000L));
        assertEquals("3.41 s", Magics.duration(3_410_000_000L));
        assertEquals("2 min 5.0 s", Magics.duration(125_000_000_000L));
        assertEquals("a b", Magics.shortValue("a\n  b"));
        assertEquals("null", Magics.shortValue(null));
        String cut = Magics.shortValue("x".repeat(500));
        assertEquals(Magics.VALUE_WIDTH, cut.length());
        assertTrue(cut.endsWith("\u2026"));
    }
}
