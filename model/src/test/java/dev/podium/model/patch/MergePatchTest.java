package dev.podium.model.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static dev.podium.model.patch.TestJson.error;
import static dev.podium.model.patch.TestJson.json;
import static dev.podium.model.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MergePatchTest {

    static Stream<Arguments> applies() {
        return Stream.of(
                arguments("null deletes a key",
                        "{'metadata':{'labels':{'a':'1','b':'2'}}}",
                        "{'metadata':{'labels':{'a':null}}}",
                        "{'metadata':{'labels':{'b':'2'}}}"),
                arguments("nested maps merge",
                        "{'spec':{'template':{'metadata':{'labels':{'a':'1'}},'x':1}}}",
                        "{'spec':{'template':{'metadata':{'labels':{'b':'2'}}}}}",
                        "{'spec':{'template':{'metadata':{'labels':{'a':'1','b':'2'}},'x':1}}}"),
                arguments("lists are replaced, even keyed ones",
                        "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'1'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'2'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'2'}]}}"),
                arguments("null for a missing key is ignored",
                        "{'data':{'a':'1'}}",
                        "{'data':{'zz':null}}",
                        "{'data':{'a':'1'}}"),
                arguments("nulls inside a new map are dropped",
                        "{'metadata':{}}",
                        "{'metadata':{'annotations':{'a':null,'b':'1'}}}",
                        "{'metadata':{'annotations':{'b':'1'}}}"),
                arguments("scalar replaces map",
                        "{'data':{'a':'1'}}",
                        "{'data':'x'}",
                        "{'data':'x'}"),
                arguments("empty patch", "{'a':1}", "{}", "{'a':1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applies")
    void applies(String name, String original, String patch, String expected) {
        ObjectNode current = obj(original);
        ObjectNode result = Patches.apply(PatchType.MERGE_PATCH, current, json(patch), KindRegistry.get("Pod"));
        assertThat(result).isEqualTo(json(expected));
        assertThat(current).isEqualTo(json(original));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "'x'", "1", "null"})
    void nonObjectPatchIs400(String patch) {
        ApiError e = error(() -> Patches.mergePatch(obj("{'a':1}"), json(patch)));
        assertThat(e.code()).isEqualTo(400);
    }
}
