/** JSON form of Egret's domain records, shared by every process that stores or ships them. */
module io.egret.codec {
    requires transitive io.egret.domain;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports io.egret.codec;

    // Jackson reads the mix-in annotations reflectively.
    opens io.egret.codec to
            com.fasterxml.jackson.databind;
}
