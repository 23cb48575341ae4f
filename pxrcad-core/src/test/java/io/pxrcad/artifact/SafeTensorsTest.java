package io.pxrcad.artifact;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine-free safetensors reader: F32 and BF16 values by name and shape; a damaged file is one line. */
class SafeTensorsTest {
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void readsFloat32AndBfloat16ByName() {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        d.putFloat(1.5f).putFloat(-2f).putFloat(0.25f);
        d.putShort((short) (Float.floatToIntBits(3f) >>> 16)).putShort((short) (Float.floatToIntBits(-0.5f) >>> 16));
        Map<String, SafeTensors.Entry> t = SafeTensors.read(file("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a.weight\":{\"dtype\":\"F32\",\"shape\":[3,1],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[12,16]}}", d.array()), "w.safetensors");
        assertThat(t.keySet()).containsExactly("a.weight", "b");
        assertThat(t.get("a.weight").shape()).containsExactly(3, 1);
        assertThat(t.get("a.weight").values()).containsExactly(1.5f, -2f, 0.25f);
        assertThat(t.get("b").values()).containsExactly(3f, -0.5f);
    }

    @Test
    void aTruncatedOrUnsupportedFileIsOneLineNamingIt() {
        byte[] ok = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertThatThrownBy(() -> SafeTensors.read(Arrays.copyOf(ok, ok.length - 3), "w.safetensors"))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessage("cannot read w.safetensors as safetensors: tensor a has byte range [0,8] that does not fit its shape or the file");
        assertThatThrownBy(() -> SafeTensors.read(file("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                new byte[8]), "w.safetensors")).hasMessage("cannot read w.safetensors as safetensors: tensor a has type I64"
                + " but expected F32|F64|BF16");
        assertThatThrownBy(() -> SafeTensors.read(new byte[5], "w.safetensors"))
                .hasMessage("cannot read w.safetensors as safetensors: shorter than its 8-byte header length");
    }
}
