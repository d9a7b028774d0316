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
        assertEquals(List.of("btrfs", "btrfs_nodatasum"), c.sections().stream().map(Section::name).toList());
        assertEquals(List.of("btrfs", "btrfs"), c.sections().stream().map(s -> s.vars().get("FSTYP")).toList());
        assertEquals("-o nodatasum", c.sections().get(1).vars().get("MOUNT_OPTIONS"),
                "btrfs' direct-I/O path needs files without data checksums");
        assertTrue(c.source().isEmpty());
    }

    @Test
    void anotherFilesystemInTheEnvironmentLeavesOneSectionNamedAfterIt() {
        Configuration c = Configuration.load(null, home, Map.of("FSTYP", "xfs")::get);
        assertEquals(List.of("xfs"), c.sections().stream().map(Section::name).toList());
        assertEquals("xfs", c.sections().get(0).vars().get("FSTYP"));
        assertFalse(c.sections().get(0).vars().containsKey("MOUNT_OPTIONS"));
        Configuration o = Configuration.load(null, home, Map.of("MOUNT_OPTIONS", "-o compress")::get);
        assertEquals(List.of("btrfs"), o.sections().stream().map(Section::name).toList());
        assertEquals("-o compress", o.sections().get(0).vars().get("MOUNT_OPTIONS"));
    }

    @Test
    void configsHostConfigIsTheFallbackAsInFstests() throws IOException {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().split("\\.")[0];
        Files.createDirectories(home.resolve("configs"));
        Files.writeString(home.resolve("configs/" + host + ".config"), "FSTYP=ext4\n");
        Configuration c = Configuration.load(null, home, Map.<String, String>of()::get);
        assertEquals(Path.of(home + "/configs/" + host + ".config"), c.source().orElseThrow());
        assertEquals("ext4", c.sections().get(0).vars().get("FSTYP"));
        Files.writeString(home.resolve("local.config"), "FSTYP=xfs\n");
        assertEquals("xfs", Configuration.load(null, home, Map.<String, String>of()::get).sections().get(0).vars().get("FSTYP"),
                "local.config comes first");
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
