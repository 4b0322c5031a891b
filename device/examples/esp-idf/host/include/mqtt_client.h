/* Host stand-in for esp-mqtt's mqtt_client.h: the call cose_app.c makes (host/stubs.c). */
#ifndef HOST_MQTT_CLIENT_H
#define HOST_MQTT_CLIENT_H
typedef struct esp_mqtt_client *esp_mqtt_client_handle_t;
int esp_mqtt_client_publish(esp_mqtt_client_handle_t client, const char *topic, const char *data,
                            int len, int qos, int retain);
#endif
