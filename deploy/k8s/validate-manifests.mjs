// Schema and consistency checks of deploy/k8s and deploy/compose, for deploy/k8s/validate (which installs the
// npm packages this imports and runs it from the directory they are installed in).
//
//   node validate-manifests.mjs k8s RENDERED.yaml [--crd-dir DIR]
//   node validate-manifests.mjs compose COMPOSE.yaml
//   node validate-manifests.mjs render KUSTOMIZATION_DIR   (only where no kustomize/kubectl is installed)
//
// k8s: every built-in object against the Kubernetes OpenAPI schemas (kubernetes-models), every field name
// against the official client's model of the API (@kubernetes/client-node), so a misspelt or misplaced field
// fails as `kubeconform -strict` would; KEDA's ScaledObject against @kubernetes-models/keda; any other custom
// resource against the openAPIV3Schema of its CRD if --crd-dir holds it, the Prometheus Operator's PodMonitor against
// @kubernetes-models/prometheus-operator otherwise (any other is reported as not validated);
// then the facts these manifests must agree on (ports, probes, references, topics and KEDA's limits).
// compose: against the Compose Specification's JSON schema (as bundled by dclint), then its references.
// Prints one line per check; exits 1 if any failed.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import Ajv from "ajv";
import * as k8sClient from "@kubernetes/client-node";

const [mode, file, ...rest] = process.argv.slice(2);
let failures = 0;
const pass = (what) => console.log(`  PASS ${what}`);
const fail = (what, why) => {
  failures++;
  console.log(`  FAIL ${what}: ${why}`);
};
const skip = (what, why) => console.log(`  SKIP ${what}: ${why}`);
const check = (what, ok, why) => (ok ? pass(what) : fail(what, why));

function readDocuments(yamlFile) {
  return YAML.parseAllDocuments(fs.readFileSync(yamlFile, "utf8"), { merge: true }).map((document) => {
    if (document.errors.length) {
      throw new Error(`${yamlFile}: ${document.errors.map(String).join("; ")}`);
    }
    return document.toJS({ maxAliasCount: -1 });
  }).filter(Boolean);
}

// --- Kubernetes ------------------------------------------------------------------------------------------

// Field names the API does not know, walking the client's model (generated from the Kubernetes OpenAPI).
function unknownFields(data, type, at) {
  type = type.replace(/ \| (undefined|null)$/, "");
  if (data === null || data === undefined) return [];
  let m = type.match(/^Array<(.+)>$/);
  if (m) return Array.isArray(data) ? data.flatMap((item, i) => unknownFields(item, m[1], `${at}[${i}]`)) : [];
  m = type.match(/^\{ \[key: string\]: (.+); \}$/);
  if (m) return Object.entries(data).flatMap(([key, value]) => unknownFields(value, m[1], `${at}.${key}`));
  const model = k8sClient[type];
  if (typeof model?.getAttributeTypeMap !== "function" || typeof data !== "object") return [];
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  return Object.entries(data).flatMap(([key, value]) => attributes.has(key)
    ? unknownFields(value, attributes.get(key), `${at}.${key}`)
    : [`${at}.${key}`]);
}

// A CRD's schema made strict the way the API server prunes: no field beyond those declared, unless the schema
// says to keep unknown ones.
function strictSchema(schema) {
  if (!schema || typeof schema !== "object") return schema;
  const copy = Array.isArray(schema) ? schema.map(strictSchema) : Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, strictSchema(value)]));
  if (!Array.isArray(copy) && copy.type === "object" && copy.properties && copy.additionalProperties === undefined
      && !copy["x-kubernetes-preserve-unknown-fields"]) {
    copy.additionalProperties = false;
  }
  return copy;
}

function crdSchemas(dir) {
  const schemas = new Map();
  if (!dir) return schemas;
  for (const name of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    for (const crd of readDocuments(path.join(dir, name))) {
      if (crd?.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions ?? []) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema) schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, { schema, source: name });
      }
    }
  }
  return schemas;
}

async function validateKubernetes(renderedFile, crdDir) {
  const objects = readDocuments(renderedFile);
  const crds = crdSchemas(crdDir);
  const ajv = new Ajv({ strict: false, allErrors: true });
  console.log(`Kubernetes objects (${objects.length}) against their schemas:`);
  for (const object of objects) {
    const id = `${object.apiVersion} ${object.kind} ${object.metadata?.namespace ?? "-"}/${object.metadata?.name}`;
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
    if (group === "" || !group.includes(".") || group.endsWith(".k8s.io")) {
      let Model;
      try {
        Model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
      } catch {
        fail(id, "no such kind in the Kubernetes API (kubernetes-models)");
        continue;
      }
      try {
        new Model(object).validate();
      } catch (e) {
        fail(id, e.message);
        continue;
      }
      const type = `${version[0].toUpperCase()}${version.slice(1)}${object.kind}`;
      if (!k8sClient[type]) {
        fail(id, `no model ${type} in @kubernetes/client-node to check field names against`);
        continue;
      }
      const unknown = unknownFields(object, type, "");
      check(`${id} (schema, field names)`, unknown.length === 0, `unknown fields ${unknown.join(", ")}`);
    } else if (crds.has(`${group}/${version}/${object.kind}`)) {
      const { schema, source } = crds.get(`${group}/${version}/${object.kind}`);
      const validate = ajv.compile(strictSchema(schema));
      check(`${id} (CRD schema from ${source}, unknown fields refused)`, validate(object),
        ajv.errorsText(validate.errors));
    } else if (object.apiVersion === "monitoring.coreos.com/v1") {
      let Model;
      try {
        Model = (await import(`@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${object.kind}`))[object.kind];
      } catch {
        fail(id, "no such kind in @kubernetes-models/prometheus-operator");
        continue;
      }
      try {
        new Model(object).validate();
        pass(`${id} (Prometheus Operator schema of @kubernetes-models/prometheus-operator)`);
      } catch (e) {
        fail(id, e.message);
      }
    } else if (object.apiVersion === "keda.sh/v1alpha1") {
      const { [object.kind]: Model } = await import(`@kubernetes-models/keda/keda.sh/v1alpha1/${object.kind}`);
      try {
        new Model(object).validate();
        pass(`${id} (KEDA schema of @kubernetes-models/keda; field names not checked)`);
      } catch (e) {
        fail(id, e.message);
      }
    } else {
      skip(id, `no schema here for ${object.apiVersion} (pass its CRD with --crd-dir)`);
    }
  }

  console.log("Consistency of the manifests:");
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const named = (kind, name) => byKind(kind).find((o) => o.metadata.name === name);
  const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
  // A LabelSelector (matchLabels and matchExpressions) against a pod's labels.
  const selects = (selector, labels) => matches(selector?.matchLabels, labels)
    && (selector?.matchExpressions ?? []).every(({ key, operator, values }) => ({
      In: () => (values ?? []).includes(labels?.[key]),
      NotIn: () => !(values ?? []).includes(labels?.[key]),
      Exists: () => labels?.[key] !== undefined,
      DoesNotExist: () => labels?.[key] === undefined,
    })[operator]?.() ?? false);
  const namespaces = new Set(objects.filter((o) => o.kind !== "Namespace").map((o) => o.metadata.namespace));
  check("every object in namespace citypromise", namespaces.size === 1 && namespaces.has("citypromise"),
    `namespaces ${[...namespaces].join(", ")}`);

  // The public web site: no database; its /actuator/prometheus wants the monitoring token like the services'
  // (web's MonitoringAccess), so the same PodMonitor scrapes it.
  const SITE = "web";
  for (const deployment of byKind("Deployment")) {
    const name = deployment.metadata.name;
    const pod = deployment.spec.template;
    const container = pod.spec.containers[0];
    const port = container.ports?.find((p) => p.name === "http")?.containerPort;
    const annotations = pod.metadata.annotations ?? {};
    // /actuator/prometheus wants a token with the role monitoring: an annotation-driven scrape sends none (401).
    check(`${name}: no prometheus.io/scrape annotation (it would scrape without a token)`,
      annotations["prometheus.io/scrape"] === undefined, JSON.stringify(annotations));
    const endpoints = byKind("PodMonitor").filter((m) => m.metadata.namespace === deployment.metadata.namespace
      && selects(m.spec.selector, pod.metadata.labels)).flatMap((m) => m.spec.podMetricsEndpoints ?? []);
    const oauth2 = endpoints.find((e) => e.path === "/actuator/prometheus" && e.port === "http")?.oauth2;
    const clientIdFrom = oauth2?.clientId?.configMap
      ? named("ConfigMap", oauth2.clientId.configMap.name)?.data : named("Secret", oauth2?.clientId?.secret?.name)?.stringData;
    check(`${name}: a PodMonitor scrapes /actuator/prometheus on port http with OAuth2 client credentials`
      + " (client id and secret in objects that exist)",
      endpoints.length === 1 && oauth2 && /^https?:\/\/.+\/protocol\/openid-connect\/token$/.test(oauth2.tokenUrl)
        && clientIdFrom?.[(oauth2.clientId.configMap ?? oauth2.clientId.secret).key]
        && named("Secret", oauth2.clientSecret?.name)?.stringData?.[oauth2.clientSecret.key] !== undefined,
      JSON.stringify(endpoints));
    const probe = (p) => p?.httpGet?.path;
    check(`${name}: readiness /actuator/health/readiness, liveness and startup /actuator/health/liveness`,
      probe(container.readinessProbe) === "/actuator/health/readiness"
        && probe(container.livenessProbe) === "/actuator/health/liveness"
        && probe(container.startupProbe) === "/actuator/health/liveness",
      `${probe(container.readinessProbe)}, ${probe(container.livenessProbe)}, ${probe(container.startupProbe)}`);
    const sleep = Number(container.lifecycle?.preStop?.exec?.command?.at(-1) ?? 0);
    check(`${name}: grace period (${pod.spec.terminationGracePeriodSeconds} s) covers preStop (${sleep} s) + `
      + "20 s per shutdown phase x 2", pod.spec.terminationGracePeriodSeconds >= sleep + 40, "too short");
    const security = container.securityContext ?? {};
    check(`${name}: non-root, read-only root file system with /tmp on an emptyDir`,
      pod.spec.securityContext?.runAsNonRoot === true && security.readOnlyRootFilesystem === true
        && security.allowPrivilegeEscalation === false
        && container.volumeMounts?.some((m) => m.mountPath === "/tmp"
          && pod.spec.volumes?.some((v) => v.name === m.name && v.emptyDir)), JSON.stringify(security));
    check(`${name}: memory request = limit, cpu requested`,
      container.resources?.requests?.memory === container.resources?.limits?.memory
        && Boolean(container.resources?.requests?.cpu), JSON.stringify(container.resources));
    for (const source of container.envFrom ?? []) {
      const [kind, ref] = source.configMapRef ? ["ConfigMap", source.configMapRef] : ["Secret", source.secretRef];
      check(`${name}: envFrom ${kind} ${ref.name} exists`, Boolean(named(kind, ref.name)), "missing");
    }
    const env = Object.assign({}, ...(container.envFrom ?? []).map((s) =>
      (s.configMapRef ? named("ConfigMap", s.configMapRef.name) : named("Secret", s.secretRef.name))?.data
      ?? (s.secretRef ? named("Secret", s.secretRef.name)?.stringData : {}) ?? {}));
    if (name === SITE) {
      check(`${name}: gets SPRING_KAFKA_BOOTSTRAP_SERVERS, no SPRING_MONGODB_URI, the client secret`,
        Boolean(env.SPRING_KAFKA_BOOTSTRAP_SERVERS && !env.SPRING_MONGODB_URI && env.CITYPROMISE_WEB_CLIENT_SECRET),
        Object.keys(env).join(", "));
      // each service's URL names a Service of these manifests and its port
      for (const key of ["PLEDGE", "INVENTORY", "AGGREGATION"].map((s) => `CITYPROMISE_WEB_${s}_URL`)) {
        const url = env[key] ? new URL(env[key]) : undefined;
        check(`${name}: ${key} (${env[key]}) names a Service and its port`, byKind("Service").some((s) =>
          s.metadata.name === url?.hostname && s.spec.ports.some((p) => String(p.port) === url?.port)), "none");
      }
    } else {
      check(`${name}: gets SPRING_KAFKA_BOOTSTRAP_SERVERS and SPRING_MONGODB_URI`,
        Boolean(env.SPRING_KAFKA_BOOTSTRAP_SERVERS && env.SPRING_MONGODB_URI), Object.keys(env).join(", "));
    }
    const service = byKind("Service").find((s) => matches(s.spec.selector, pod.metadata.labels));
    check(`${name}: a Service selects its pods and targets port http`,
      service?.spec.ports.some((p) => p.targetPort === "http" && p.port === port), "none");
    check(`${name}: a PodDisruptionBudget selects its pods`,
      byKind("PodDisruptionBudget").some((b) => matches(b.spec.selector.matchLabels, pod.metadata.labels)), "none");
    check(`${name}: selector matches its pod labels`, matches(deployment.spec.selector.matchLabels,
      pod.metadata.labels), "no");
  }

  const topics = new Map(byKind("KafkaTopic").map((t) => [t.spec.topicName ?? t.metadata.name, t]));
  const history = (t) => t?.spec.config?.["retention.ms"] === "-1" && t?.spec.config?.["retention.bytes"] === "-1";
  for (const name of ["pledge-events", "inventory-events"]) {
    const topic = topics.get(name);
    check(`topic ${name}: 6 partitions, 3 replicas, whole history kept`,
      topic?.spec.partitions === 6 && topic?.spec.replicas === 3 && history(topic), JSON.stringify(topic?.spec));
  }
  const contributions = topics.get("city-contributions");
  check("topic city-contributions: compacted, 3 replicas",
    contributions?.spec.config?.["cleanup.policy"] === "compact" && contributions?.spec.replicas === 3,
    JSON.stringify(contributions?.spec));
  const dlt = topics.get("aggregation-service-dlt");
  check("topic aggregation-service-dlt: 1 partition, 3 replicas, kept (as the service declares it)",
    dlt?.spec.partitions === 1 && dlt?.spec.replicas === 3 && history(dlt), JSON.stringify(dlt?.spec));

  for (const scaled of byKind("ScaledObject")) {
    const target = named("Deployment", scaled.spec.scaleTargetRef.name);
    check(`ScaledObject ${scaled.metadata.name}: scales an existing Deployment that sets no replicas of its own`,
      target && target.spec.replicas === undefined, "missing, or replicas set (the HPA and kubectl apply would fight)");
    const group = named("ConfigMap", scaled.spec.scaleTargetRef.name)?.data?.CITYPROMISE_AGGREGATION_GROUP
      ?? "aggregation-service";
    for (const trigger of scaled.spec.triggers) {
      const topic = topics.get(trigger.metadata.topic);
      check(`ScaledObject ${scaled.metadata.name}: trigger on ${trigger.metadata.topic} watches group ${group}-g1`
        + ` and maxReplicaCount (${scaled.spec.maxReplicaCount}) = its partitions`,
        trigger.type === "kafka" && trigger.metadata.consumerGroup === `${group}-g1` && topic
          && scaled.spec.maxReplicaCount === topic.spec.partitions
          && trigger.metadata.bootstrapServers === named("ConfigMap", target?.metadata.name)?.data
            ?.SPRING_KAFKA_BOOTSTRAP_SERVERS,
        JSON.stringify(trigger.metadata));
    }
  }
  const budget = byKind("PodDisruptionBudget");
  check("every PodDisruptionBudget leaves pods running (maxUnavailable 1 of at least 2)",
    budget.every((b) => b.spec.maxUnavailable === 1), JSON.stringify(budget.map((b) => b.spec)));
  for (const secret of byKind("Secret")) {
    const values = Object.values(secret.stringData ?? {});
    check(`Secret ${secret.metadata.name}: placeholders only (REPLACE-ME), no real value committed`,
      values.length > 0 && values.every((v) => v.includes("REPLACE-ME")), "a value without REPLACE-ME");
  }
}

// --- Compose ---------------------------------------------------------------------------------------------

async function validateCompose(composeFile) {
  const [compose] = readDocuments(composeFile);
  const schemaFile = path.join(path.dirname(new URL(import.meta.url).pathname), "node_modules/dclint/schemas/compose.schema.json");
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  delete schema.$schema; // draft-07, Ajv's default, under an address Ajv does not know it by
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  console.log(`${composeFile}:`);
  check("the Compose Specification's JSON schema (merge keys resolved)", validate(compose),
    ajv.errorsText(validate.errors, { separator: "\n       " }));
  const dir = path.dirname(composeFile);
  const services = compose.services ?? {};
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, condition] of Object.entries(
      Array.isArray(service.depends_on) ? Object.fromEntries(service.depends_on.map((d) => [d, {}]))
        : service.depends_on ?? {})) {
      const target = services[dependency];
      check(`${name}: depends on ${dependency} (${condition.condition ?? "started"})`,
        target && (condition.condition !== "service_healthy" || target.healthcheck)
          && (condition.condition !== "service_completed_successfully" || target.restart === "no"),
        target ? "it has no healthcheck, or a one-shot that restarts" : "no such service");
    }
    for (const volume of service.volumes ?? []) {
      const source = (typeof volume === "string" ? volume.split(":")[0] : volume.source) ?? "";
      if (source.startsWith(".") || source.startsWith("/")) {
        check(`${name}: bind mount ${source} exists`, fs.existsSync(path.resolve(dir, source)), "missing");
      } else if (source) {
        check(`${name}: volume ${source} is declared`, source in (compose.volumes ?? {}), "not declared");
      }
    }
    if (service.build) {
      const dockerfile = path.resolve(dir, service.build.context, service.build.dockerfile);
      check(`${name}: builds ${path.relative(process.cwd(), dockerfile)} with SERVICE=${service.build.args?.SERVICE}`,
        fs.existsSync(dockerfile) && service.build.args?.SERVICE === name, "missing Dockerfile or wrong SERVICE");
      const port = service.build.args?.PORT;
      check(`${name}: healthcheck on /actuator/health/readiness at port ${port}, graceful stop`,
        JSON.stringify(service.healthcheck?.test ?? "").includes(`:${port}/actuator/health/readiness`)
          && service.stop_grace_period, JSON.stringify(service.healthcheck));
      if (name === "web") {
        // the web site has no database; residents sign in at Keycloak, by one address for browsers and containers
        const keycloak = services.keycloak;
        const frontend = keycloak?.environment?.KC_HOSTNAME;
        check(`${name}: SPRING_KAFKA_BOOTSTRAP_SERVERS names the kafka service, no SPRING_MONGODB_URI`,
          service.environment?.SPRING_KAFKA_BOOTSTRAP_SERVERS === "kafka:9092" && !service.environment?.SPRING_MONGODB_URI,
          JSON.stringify(service.environment));
        const issuer = service.environment?.CITYPROMISE_WEB_IDENTITY_ISSUER ?? "";
        const host = frontend ? new URL(frontend) : undefined;
        check(`${name}: issuer ${issuer} is Keycloak's own address (KC_HOSTNAME), reached by containers by a network`
          + " alias on the port it listens on and published on that port",
          Boolean(host) && issuer === `${frontend}/realms/citypromise`
            && keycloak.networks?.default?.aliases?.includes(host.hostname)
            && keycloak.environment?.KC_HTTP_PORT === host.port
            && (keycloak.ports ?? []).some((p) => String(p).endsWith(`:${host.port}:${host.port}`)),
          JSON.stringify({ frontend, networks: keycloak?.networks, ports: keycloak?.ports }));
      } else {
        check(`${name}: SPRING_KAFKA_BOOTSTRAP_SERVERS names the kafka service, SPRING_MONGODB_URI the replica set`,
          service.environment?.SPRING_KAFKA_BOOTSTRAP_SERVERS === "kafka:9092"
            && /replicaSet=rs0/.test(service.environment?.SPRING_MONGODB_URI ?? ""), JSON.stringify(service.environment));
      }
    }
  }
  for (const [name, service] of Object.entries(services)) {
    const image = service.image ?? "";
    if (!service.build) {
      check(`${name}: image ${image} pinned to a version`, /:[0-9v][^:]*$/.test(image) && !image.endsWith(":latest"),
        "no version tag");
    }
  }
}

// What `kubectl kustomize` does with the few fields deploy/k8s/kustomization.yaml uses (resources, namespace,
// labels without selectors, image tags), for machines without kubectl. Anything else in it is refused.
function render(dir) {
  const [kustomization] = readDocuments(path.join(dir, "kustomization.yaml"));
  const known = new Set(["apiVersion", "kind", "namespace", "labels", "resources", "images"]);
  const unknown = Object.keys(kustomization).filter((key) => !known.has(key));
  if (unknown.length || kustomization.labels?.some((l) => l.includeSelectors)) {
    throw new Error(`kustomization.yaml uses ${unknown.join(", ") || "includeSelectors"}: install kubectl to render it`);
  }
  const images = new Map((kustomization.images ?? []).map((i) => [i.name, i]));
  const objects = kustomization.resources.flatMap((resource) => readDocuments(path.join(dir, resource)));
  for (const object of objects) {
    if (object.kind !== "Namespace" && kustomization.namespace) object.metadata.namespace = kustomization.namespace;
    for (const { pairs } of kustomization.labels ?? []) {
      object.metadata.labels = { ...object.metadata.labels, ...pairs };
      if (object.spec?.template?.metadata) {
        object.spec.template.metadata.labels = { ...object.spec.template.metadata.labels, ...pairs };
      }
    }
    for (const container of object.spec?.template?.spec?.containers ?? []) {
      const [name] = container.image.split(":");
      const image = images.get(name);
      if (image) container.image = `${image.newName ?? name}:${image.newTag ?? container.image.split(":")[1]}`;
    }
  }
  process.stdout.write(objects.map((o) => YAML.stringify(o)).join("---\n"));
}

if (mode === "render") {
  render(file);
  process.exit(0);
} else if (mode === "k8s") {
  const crdDir = rest[0] === "--crd-dir" ? rest[1] : undefined;
  await validateKubernetes(file, crdDir);
} else if (mode === "compose") {
  await validateCompose(file);
} else {
  console.error("usage: validate-manifests.mjs k8s RENDERED.yaml [--crd-dir DIR] | compose COMPOSE.yaml | render DIR");
  process.exit(2);
}
process.exit(failures ? 1 : 0);
