package rig.check.run;

import rig.check.engine.Catalog;
import rig.check.engine.FstestEngine;
import rig.check.engine.TestClass;
import rig.check.engine.Launchers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import rig.config.UserInputException;

/**
 * Which tests a run executes, in fstests' terms: names and suite directories, {@code -g} groups
 * (default {@code auto}; {@code all} is every test), minus {@code -x} groups and the
 * {@code -e}/{@code -E} expunge lists. Resolved by JUnit Platform discovery: the groups are tags
 * ({@link TagFilter}), names and expunges are {@link PostDiscoveryFilter}s. Sorted by id unless
 * {@code --exact-order} (names in the order given) or {@code -r} (shuffled).
 */
public final class Selection {

    /** What the user asked for. {@code seed} is used when {@code random}. */
    public record Spec(List<String> names, List<String> groups, List<String> excludeGroups,
                       List<String> expunge, Path expungeFile, boolean exactOrder, boolean random, long seed) {
    }

    /** The tests to run, in order, and the selected tests left out by an expunge list. */
    public record Result(List<TestClass> tests, List<TestClass> expunged) {
    }

    private Selection() {
    }

    /** Checks names, groups and the expunge file without discovery: a usage error before anything is built. */
    public static void validate(Spec spec, String basePackage) {
        Catalog catalog = Catalog.of(basePackage);
        List<String> names = spec.names().stream().map(Selection::normalize).toList();
        for (String name : names) {
            if (catalog.find(name).isEmpty() && !catalog.hasSuite(name)) {
                throw new UserInputException("no test or suite \"" + name + "\" (./check -n -g all lists every test)");
            }
        }
        for (String g : concat(groups(spec, names), spec.excludeGroups())) {
            if (!g.equals("all") && !catalog.hasGroup(g)) {
                throw new UserInputException("no test is in group \"" + g + "\" (./check -n -g all lists every test)");
            }
        }
        if (spec.expungeFile() != null) {
            readExpungeFile(spec.expungeFile());
        }
    }

    private static List<String> groups(Spec spec, List<String> names) {
        return spec.groups().isEmpty() && names.isEmpty() ? List.of("auto") : spec.groups();
    }

    public static Result resolve(Spec spec, String basePackage) {
        validate(spec, basePackage);
        Catalog catalog = Catalog.of(basePackage);
        List<String> names = spec.names().stream().map(Selection::normalize).toList();
        List<String> groups = groups(spec, names);
        Set<String> expunge = new LinkedHashSet<>();
        spec.expunge().stream().map(Selection::normalize).forEach(expunge::add);
        if (spec.expungeFile() != null) {
            expunge.addAll(readExpungeFile(spec.expungeFile()));
        }

        Set<String> expunged = new LinkedHashSet<>();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(basePackage))
                .configurationParameter(FstestEngine.PACKAGE_PARAM, basePackage);
        boolean allGroups = groups.contains("all");
        if (names.isEmpty() && !allGroups) {
            request.filters(TagFilter.includeTags(groups));
        } else if (!names.isEmpty()) {
            Set<String> tags = allGroups ? Set.of() : Set.copyOf(groups);
            request.filters(include("named or in a chosen group", d -> allGroups && !groups.isEmpty()
                    || matchesName(d.getDisplayName(), names)
                    || d.getTags().stream().map(TestTag::getName).anyMatch(tags::contains)));
        }
        if (!spec.excludeGroups().isEmpty()) {
            request.filters(TagFilter.excludeTags(spec.excludeGroups()));
        }
        if (!expunge.isEmpty()) {
            request.filters((PostDiscoveryFilter) d -> {
                if (d.getType() == TestDescriptor.Type.TEST && expunge.contains(d.getDisplayName())) {
                    expunged.add(d.getDisplayName());
                    return FilterResult.excluded("expunged");
                }
                return FilterResult.included("not expunged");
            });
        }
        Launcher launcher = Launchers.create();
        TestPlan plan = launcher.discover(request.build());
        List<TestClass> tests = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier t : plan.getDescendants(root)) {
                if (t.isTest()) {
                    tests.add(catalog.find(t.getDisplayName()).orElseThrow());
                }
            }
        }
        order(tests, names, spec);
        return new Result(tests, expunged.stream().map(id -> catalog.find(id).orElseThrow()).sorted(
                (a, b) -> a.id().compareTo(b.id())).toList());
    }

    private static PostDiscoveryFilter include(String why, Predicate<TestDescriptor> keep) {
        return d -> d.getType() != TestDescriptor.Type.TEST || keep.test(d)
                ? FilterResult.included(why) : FilterResult.excluded("not " + why);
    }

    private static void order(List<TestClass> tests, List<String> names, Spec spec) {
        tests.sort((a, b) -> a.id().compareTo(b.id()));
        if (spec.random()) {
            Collections.shuffle(tests, new Random(spec.seed()));
        } else if (spec.exactOrder()) {
            List<TestClass> ordered = new ArrayList<>();
            for (String name : names) {
                tests.stream().filter(t -> matchesName(t.id(), List.of(name)) && !ordered.contains(t)).forEach(ordered::add);
            }
            tests.stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
            tests.clear();
            tests.addAll(ordered);
        }
    }

    private static boolean matchesName(String id, List<String> names) {
        return names.contains(id) || names.contains(id.substring(0, id.indexOf('/')));
    }

    /** "tests/generic/250", "generic/250/" and "generic/250" all name generic/250. */
    static String normalize(String name) {
        String n = name.strip();
        if (n.startsWith("tests/")) {
            n = n.substring("tests/".length());
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** fstests' expunge file: one test per line, "#" starts a comment (reasons). */
    static List<String> readExpungeFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read expunge file " + file + " (-E): " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                out.add(normalize(name.split("\\s+")[0]));
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
