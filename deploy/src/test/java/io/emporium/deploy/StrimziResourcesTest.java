package io.emporium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import io.emporium.deploy.StrimziFiles.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The files under deploy/kafka/strimzi are valid {@code kafka.strimzi.io/v1} resources: each validates against the
 * {@code openAPIV3Schema} of Strimzi's CRD for its kind (test resources {@code strimzi-crds/}, Strimzi 1.2.0), read
 * the way the API server applies it with kubectl's default strict field validation: a field the schema does not name
 * is an error, except under {@code x-kubernetes-preserve-unknown-fields} (a KafkaTopic's {@code config}). The CEL
 * rules ({@code x-kubernetes-validations}) are not evaluated.
 */
class StrimziResourcesTest {

    private static final String API_VERSION = "kafka.strimzi.io/v1";
    private static final Map<String, String> CRDS = Map.of(
            "Kafka", "strimzi-crds/040-Crd-kafka.yaml",
            "KafkaTopic", "strimzi-crds/043-Crd-kafkatopic.yaml",
            "KafkaUser", "strimzi-crds/044-Crd-kafkauser.yaml");

    /** A CRD's schema is an OpenAPI 3.0 schema; Kubernetes' own keywords are checked by the API server alone. */
    private static final Dialect CRD_DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .keywords(Stream.of("x-kubernetes-validations", "x-kubernetes-preserve-unknown-fields",
                    "x-kubernetes-int-or-string", "example").map(NonValidationKeyword::new).toList())
            .build();

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyResourceIsAStrimziKindOfTheV1Api() {
        List<Resource> resources = StrimziFiles.resources();
        assertThat(resources).extracting(Resource::kind).contains("Kafka", "KafkaTopic", "KafkaUser");
        for (Resource resource : resources) {
            assertThat(resource.yaml().get("apiVersion")).as(resource.toString()).isEqualTo(API_VERSION);
            assertThat(CRDS).as(resource.toString()).containsKey(resource.kind());
        }
    }

    @Test
    void everyResourceValidatesAgainstItsCrdSchema() {
        for (Resource resource : StrimziFiles.resources()) {
            List<Error> errors = schema(resource.kind()).validate(json.valueToTree(resource.yaml()));
            assertThat(errors).as(resource.toString()).isEmpty();
        }
    }

    @Test
    void usersAndTopicsBelongToTheClusterOfKafkaYaml() {
        List<String> clusters = StrimziFiles.ofKind("Kafka").stream().map(Resource::name).toList();
        assertThat(clusters).hasSize(1);
        for (Resource resource : StrimziFiles.resources()) {
            if (!resource.kind().equals("Kafka")) {
                assertThat(StrimziFiles.map(resource.metadata(), "labels").get("strimzi.io/cluster"))
                        .as(resource.toString()).isEqualTo(clusters.getFirst());
            }
        }
    }

    @Test
    void everyClientListenerAuthenticatesAndEveryRequestIsAuthorized() {
        Resource kafka = StrimziFiles.ofKind("Kafka").getFirst();
        Map<String, Object> broker = StrimziFiles.map(kafka.spec(), "kafka");
        for (Object listener : (List<?>) broker.get("listeners")) {
            Map<?, ?> settings = (Map<?, ?>) listener;
            assertThat(settings.get("tls")).as("%s", listener).isEqualTo(true);
            assertThat(((Map<?, ?>) settings.get("authentication")).get("type")).as("%s", listener)
                    .isEqualTo("scram-sha-512");
        }
        assertThat(StrimziFiles.map(broker, "authorization").get("type")).isEqualTo("simple");
        assertThat(StrimziFiles.map(broker, "authorization")).doesNotContainKey("superUsers");
        assertThat(StrimziFiles.map(broker, "config").get("auto.create.topics.enable")).isEqualTo(false);
        for (Resource user : StrimziFiles.ofKind("KafkaUser")) {
            assertThat(StrimziFiles.map(user.spec(), "authentication").get("type")).as(user.toString())
                    .isEqualTo("scram-sha-512");
        }
    }

    @Test
    void aMisspelledFieldOrAnUnknownOperationIsRejected() {
        // the validation itself: what kubectl apply would refuse, this test refuses too
        Map<String, Object> user = new Yaml().load("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: { name: orders }
                spec:
                  authentication: { type: scram-sha-512 }
                  authorization:
                    type: simple
                    acls:
                      - resource: { type: topic, name: orders.order-events, patternTyp: literal }
                        operations: [ Publish ]
                """);
        assertThat(schema("KafkaUser").validate(json.valueToTree(user))).extracting(Error::toString)
                .anyMatch(error -> error.contains("/acls/0/resource") && error.contains("patternTyp"))
                .anyMatch(error -> error.contains("/acls/0/operations/0") && error.contains("enumeration"));
    }

    /** The v1 schema of the kind's CRD, with unknown fields forbidden wherever the schema lists the fields. */
    private Schema schema(String kind) {
        try (InputStream crd = getClass().getClassLoader().getResourceAsStream(CRDS.get(kind))) {
            JsonNode definition = json.valueToTree(new Yaml().load(crd));
            JsonNode version = null;
            for (JsonNode candidate : definition.path("spec").path("versions")) {
                if (API_VERSION.endsWith("/" + candidate.path("name").asString())) {
                    version = candidate;
                }
            }
            assertThat(version).as("%s in %s", API_VERSION, CRDS.get(kind)).isNotNull();
            JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
            forbidUnknownFields(schema);
            return SchemaRegistry.withDefaultDialect(CRD_DIALECT).getSchema(schema);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void forbidUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        node.values().forEach(StrimziResourcesTest::forbidUnknownFields);
    }
}
