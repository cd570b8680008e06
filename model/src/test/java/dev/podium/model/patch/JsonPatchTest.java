package dev.podium.model.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.podium.model.patch.TestJson.error;
import static dev.podium.model.patch.TestJson.json;
import static dev.podium.model.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JsonPatchTest {
    private static final String CM = "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'k':'v'},'list':[1,2]}";

    static Stream<Arguments> applies() {
        return Stream.of(
                arguments("add a label", CM,
                        "[{'op':'add','path':'/metadata/labels/b','value':'2'}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1','b':'2'}},'data':{'k':'v'},'list':[1,2]}"),
                arguments("add a whole map", "{'metadata':{'name':'c'}}",
                        "[{'op':'add','path':'/metadata/annotations','value':{'x':'y'}}]",
                        "{'metadata':{'name':'c','annotations':{'x':'y'}}}"),
                arguments("replace a value", CM,
                        "[{'op':'replace','path':'/data/k','value':'w'}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'k':'w'},'list':[1,2]}"),
                arguments("remove a key", CM,
                        "[{'op':'remove','path':'/metadata/labels/a'}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{}},'data':{'k':'v'},'list':[1,2]}"),
                arguments("test then replace", CM,
                        "[{'op':'test','path':'/data/k','value':'v'},{'op':'replace','path':'/data/k','value':'x'}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'k':'x'},'list':[1,2]}"),
                arguments("append to a list", CM,
                        "[{'op':'add','path':'/list/-','value':3}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'k':'v'},'list':[1,2,3]}"),
                arguments("insert into a list", CM,
                        "[{'op':'add','path':'/list/0','value':0}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'k':'v'},'list':[0,1,2]}"),
                arguments("move and copy", CM,
                        "[{'op':'copy','from':'/data/k','path':'/data/k2'},{'op':'move','from':'/data/k','path':'/data/k3'}]",
                        "{'kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'k2':'v','k3':'v'},'list':[1,2]}"),
                arguments("escaped pointer", "{'metadata':{'labels':{'app.kubernetes.io/name':'x'}}}",
                        "[{'op':'remove','path':'/metadata/labels/app.kubernetes.io~1name'}]",
                        "{'metadata':{'labels':{}}}"),
                arguments("empty patch", CM, "[]", CM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applies")
    void applies(String name, String original, String patch, String expected) {
        ObjectNode current = obj(original);
        ObjectNode result = Patches.apply(PatchType.JSON_PATCH, current, json(patch), KindRegistry.get("ConfigMap"));
        assertThat(result).isEqualTo(json(expected));
        assertThat(current).as("input untouched").isEqualTo(json(original));
    }

    static Stream<Arguments> failsAgainstObject() {
        return Stream.of(
                arguments("remove a missing key", "[{'op':'remove','path':'/metadata/labels/zz'}]", "remove \"/metadata/labels/zz\""),
                arguments("replace a missing key", "[{'op':'replace','path':'/data/missing','value':'x'}]", "replace \"/data/missing\""),
                arguments("add under a missing parent", "[{'op':'add','path':'/spec/x','value':1}]", "add \"/spec/x\""),
                arguments("failed test", "[{'op':'test','path':'/data/k','value':'other'}]", "test \"/data/k\""),
                arguments("second op fails", "[{'op':'add','path':'/data/n','value':'1'},{'op':'remove','path':'/nope'}]",
                        "operation 1 (remove \"/nope\")"),
                arguments("index out of range", "[{'op':'add','path':'/list/9','value':1}]", "add \"/list/9\""),
                arguments("object replaced by a string", "[{'op':'replace','path':'','value':'x'}]", "string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failsAgainstObject")
    void opThatDoesNotApplyIs422(String name, String patch, String messagePart) {
        ApiError e = error(() -> Patches.jsonPatch(obj(CM), json(patch)));
        assertThat(e.code()).isEqualTo(422);
        assertThat(e.reason()).isEqualTo("Invalid");
        assertThat(e.message()).startsWith("the server rejected our request due to an error in our request").contains(messagePart);
        assertThat(e.details().causes()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("UnexpectedServerResponse"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("an object, not a list", "{'op':'add','path':'/a','value':1}"),
                arguments("unknown op", "[{'op':'frobnicate','path':'/a'}]"),
                arguments("no op", "[{'path':'/a','value':1}]"),
                arguments("no path", "[{'op':'remove'}]"),
                arguments("path not a pointer", "[{'op':'remove','path':'data/k'}]"),
                arguments("add without value", "[{'op':'add','path':'/a'}]"),
                arguments("move without from", "[{'op':'move','path':'/a'}]"),
                arguments("operation not an object", "['remove']"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPatchIs400(String name, String patch) {
        ApiError e = error(() -> Patches.jsonPatch(obj(CM), json(patch)));
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("BadRequest");
    }

    @Test
    void malformedOpIsReportedEvenAfterAGoodOne() {
        ApiError e = error(() -> Patches.jsonPatch(obj(CM), json("[{'op':'remove','path':'/data/k'},{'op':'nope','path':'/a'}]")));
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.message()).contains("operation 1").contains("nope");
    }
}
