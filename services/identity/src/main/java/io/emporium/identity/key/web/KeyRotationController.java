package io.emporium.identity.key.web;

import io.emporium.identity.key.application.SigningKeyRing;
import io.emporium.identity.key.application.SigningKeyRing.Rotation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/keys/rotate}: a fresh key signs from now on; the previous one stays in the JWKS until the
 * tokens it signed have expired. Only an administrator's access token reaches it (see the security configuration).
 */
@RestController
@RequestMapping("/admin/keys")
class KeyRotationController {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationController.class);

    private final SigningKeyRing ring;

    KeyRotationController(SigningKeyRing ring) {
        this.ring = ring;
    }

    @PostMapping("/rotate")
    RotationResponse rotate(Authentication caller) {
        Rotation rotation = ring.rotate();
        log.atInfo().addKeyValue("event.action", "signing-key-rotated").addKeyValue("user.name", caller.getName())
                .addKeyValue("key.active", rotation.activeKid()).addKeyValue("key.retired", rotation.retiredKid())
                .log("Signing key rotated by {}: {} signs now, {} stays published for {}", caller.getName(),
                        rotation.activeKid(), rotation.retiredKid(), ring.retention());
        return new RotationResponse(rotation.activeKid(), rotation.retiredKid());
    }

    /**
     * @param activeKid  the key id that signs new tokens from now on
     * @param retiredKid the key id that signed until now (still published for the access-token lifetime plus a
     *                   minute), or null if there was none
     */
    record RotationResponse(String activeKid, @Nullable String retiredKid) {
    }
}
