/** Example topologies: WordCount, ReliableWordCount (at least once), Exclamation and Synthetic. */
module io.egret.examples {
    requires io.egret.api;

    exports io.egret.examples;
}
