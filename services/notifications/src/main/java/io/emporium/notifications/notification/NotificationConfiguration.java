package io.emporium.notifications.notification;

import java.time.Clock;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java notification application to its Spring adapters. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    Notifier notifier(Notifications notifications) {
        return new Notifier(notifications, Clock.systemUTC());
    }
}
