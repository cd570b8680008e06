package dev.podium.persistence.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DatabasePasswordFileTest {
    @Test
    void thePasswordIsTheFilesFirstLineAndStaysOutOfTheUrl() throws Exception {
        Path file = Files.createTempFile("pg", ".password");
        Files.writeString(file, "s3cret \nnot this\n");
        DatabaseProfile profile = DatabaseProfile.fromUrl("jdbc:postgresql://127.0.0.1:5432/podium").withPasswordFile(file);
        assertThat(profile.password()).isEqualTo("s3cret");
        assertThat(profile.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/podium");
    }
}
