// Run once by compose's mongo-init service (mongosh, connected directly to mongo-1).
// Initiates replica set rs0 unless it already is, then waits until it has a primary, so that the services
// find one as soon as they start. Safe to run again: `docker compose up` does, every time.
const members = [
  { _id: 0, host: "mongo-1:27017", priority: 2 },
  { _id: 1, host: "mongo-2:27017", priority: 1 },
  { _id: 2, host: "mongo-3:27017", priority: 1 },
];

try {
  rs.status();
  print("replica set rs0 already initiated");
} catch (e) {
  if (e.codeName !== "NotYetInitialized") {
    throw e;
  }
  rs.initiate({ _id: "rs0", members });
  print("replica set rs0 initiated");
}

for (let attempt = 0; attempt < 60; attempt++) {
  try {
    const primary = rs.status().members.find((member) => member.stateStr === "PRIMARY");
    if (primary) {
      print(`primary: ${primary.name}`);
      quit(0);
    }
  } catch (e) {
    // still electing: ask again
  }
  sleep(1000);
}
print("no primary after 60 s");
quit(1);
