package io.emporium.runner.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who waits for whom. Built from a topology whose dependencies all name existing parts. */
final class DependencyGraph {

    private final Map<String, List<String>> dependencies;

    private DependencyGraph(Map<String, List<String>> dependencies) {
        this.dependencies = dependencies;
    }

    static DependencyGraph of(Topology topology) {
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        topology.partNames().forEach(part -> dependencies.put(part, topology.dependenciesOf(part)));
        return new DependencyGraph(dependencies);
    }

    /** @throws TopologyException naming the cycle, e.g. {@code a -> b -> a} */
    void requireAcyclic() {
        Set<String> done = new LinkedHashSet<>();
        for (String part : dependencies.keySet()) {
            visit(part, new ArrayList<>(), done);
        }
    }

    private void visit(String part, List<String> path, Set<String> done) {
        if (done.contains(part)) {
            return;
        }
        int seen = path.indexOf(part);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(part);
            throw new TopologyException("dependency cycle: " + String.join(" -> ", cycle));
        }
        path.add(part);
        for (String dependency : dependencies.getOrDefault(part, List.of())) {
            visit(dependency, path, done);
        }
        path.removeLast();
        done.add(part);
    }

    /** Levels in start order; within a level, declaration order. */
    List<List<String>> levels() {
        requireAcyclic();
        List<List<String>> levels = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < dependencies.size()) {
            List<String> level = dependencies.entrySet().stream()
                    .filter(entry -> !placed.contains(entry.getKey()))
                    .filter(entry -> placed.containsAll(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            placed.addAll(level);
            levels.add(level);
        }
        return levels;
    }
}
