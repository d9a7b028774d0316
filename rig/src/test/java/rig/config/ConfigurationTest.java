package rig.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path home;

    @Test
    void noConfigurationIsTheEmbeddedBtrfsDefault() {
        Configuration c = Configuration.load(null, home, Map.<String, String>of()::get);
        assertTrue(c.embeddedDefault());
        assertEquals("btrfs", c.sections().get(0).vars().get("FSTYP"));
        assertTrue(c.source().isEmpty());
    }

    @Test
    void devicesInTheEnvironmentAreAConfiguration() {
        Configuration c = Configuration.load(null, home, Map.of("TEST_DEV", "/dev/vdb", "FSTYP", "xfs")::get);
        assertFalse(c.embeddedDefault());
        assertEquals("/dev/vdb", c.sections().get(0).vars().get("TEST_DEV"));
        assertEquals("xfs", c.sections().get(0).vars().get("FSTYP"));
    }

    @Test
    void localConfigIsReadAndTheEnvironmentOverridesEverySection() throws IOException {
        Files.writeString(home.resolve("local.config"), "[a]\nFSTYP=btrfs\nTEST_DEV=/dev/vdb\n[b]\nFSTYP=ext4\n");
        Configuration c = Configuration.load(null, home, Map.of("TEST_DEV", "/dev/vdz", "UNRELATED", "x")::get);
        assertEquals(Path.of(home + "/local.config"), c.source().orElseThrow());
        assertEquals(List.of("/dev/vdz", "/dev/vdz"), c.sections().stream().map(s -> s.vars().get("TEST_DEV")).toList());
        assertEquals(List.of("btrfs", "ext4"), c.sections().stream().map(s -> s.vars().get("FSTYP")).toList());
        assertFalse(c.sections().get(0).vars().containsKey("UNRELATED"));
    }

    @Test
    void hostOptionsWinsOverLocalConfigAndExplicitWinsOverBoth() throws IOException {
        Files.writeString(home.resolve("local.config"), "FSTYP=ext4\n");
        Path host = Files.writeString(home.resolve("host.cfg"), "FSTYP=xfs\n");
        Path explicit = Files.writeString(home.resolve("explicit.cfg"), "FSTYP=btrfs\n");
        assertEquals("xfs", Configuration.load(null, home, Map.of("HOST_OPTIONS", host.toString())::get)
                .sections().get(0).vars().get("FSTYP"));
        assertEquals("btrfs", Configuration.load(explicit, home, Map.of("HOST_OPTIONS", host.toString())::get)
                .sections().get(0).vars().get("FSTYP"));
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> Configuration.load(home.resolve("nope.config"), home, Map.<String, String>of()::get));
        assertTrue(e.getMessage().contains("nope.config does not exist"), e.getMessage());
    }

    @Test
    void sectionSelectionIncludesExcludesAndRejectsUnknownNames() throws IOException {
        Path cfg = Files.writeString(home.resolve("c"), "[a]\nX=1\n[b]\n[c]\n");
        Configuration c = Configuration.load(cfg, home, Map.<String, String>of()::get);
        assertEquals(List.of("a", "b", "c"), names(c.select(Set.of(), Set.of())));
        assertEquals(List.of("b"), names(c.select(Set.of("b"), Set.of())));
        assertEquals(List.of("a", "c"), names(c.select(Set.of(), Set.of("b"))));
        UserInputException e = assertThrows(UserInputException.class, () -> c.select(Set.of("zz"), Set.of()));
        assertTrue(e.getMessage().startsWith("no section [zz]"), e.getMessage());
        assertThrows(UserInputException.class, () -> c.select(Set.of("a"), Set.of("a")));
    }

    private static List<String> names(List<Section> sections) {
        return sections.stream().map(Section::name).toList();
    }
}
