/**
 * Topologies written against Heron's published API and nothing else, as a Heron user writes them: word count with
 * a fields grouping, exclamation, several streams with all and global groupings, custom and direct groupings that
 * route by value to a chosen task, tick tuples, acking with replays, task hooks and a streamlet topology. Each
 * spout instance emits a fixed number of tuples ({@code --limit}, default unbounded), so that tests can check exact
 * counts; sinks count what they receive in {@link io.egret.heron.examples.Received}, for tests that run them in
 * their own JVM.
 */
package io.egret.heron.examples;
