"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { ActionButton } from "./action-button";
import { ScaleForm } from "./scale-form";
import { ServiceLogs } from "./service-logs";
import { useLiveEvent } from "./use-live-event";

interface Task {
  id: string;
  slot: number | null;
  state: string;
  message: string;
  error: string | null;
  node: string | null;
  ports: { target: number; published: number }[];
}
interface Service {
  id: string;
  name: string;
  image: string;
  desiredReplicas: number;
  runningReplicas: number;
  created: boolean;
  tasks: Task[];
}

/**
 * The project's services, replicas and tasks: first as the server rendered them, then as the event stream sends them
 * after each change (the server keeps Swarm's state fresh, whatever the number of pages open).
 */
export function ProjectServices(props: {
  projectId: string;
  initialServices: Service[] | undefined;
  deleting: boolean;
  canDelete: boolean;
  canScale: boolean;
}) {
  const queryClient = useQueryClient();
  const queryKey = ["projects", props.projectId, "services"];
  const services = useQuery({
    queryKey,
    queryFn: () => api<Service[]>(`/projects/${props.projectId}/services`),
    initialData: props.initialServices,
  });
  useLiveEvent<{ services: Service[] }>(`?project=${props.projectId}`, "services", (data) =>
    queryClient.setQueryData(queryKey, data.services),
  );
  return (
    <>
      {props.deleting ? <p className="card">This project is being deleted.</p> : null}
      {services.error ? <p className="error">{services.error.message}</p> : null}
      {(services.data ?? []).map((s) => (
        <section key={s.id} className="card" data-testid={`service-${s.name}`}>
          <div className="row" style={{ alignItems: "center" }}>
            <h2 style={{ margin: 0 }}>{s.name}</h2>
            <code>{s.image}</code>
            <div style={{ textAlign: "right" }}>
              <span
                className={`replicas ${s.runningReplicas === s.desiredReplicas ? "ok" : ""}`}
                data-testid="replicas"
              >
                {s.runningReplicas}/{s.desiredReplicas}
              </span>{" "}
              <span className="muted">running</span>
            </div>
          </div>
          {props.canScale && !props.deleting ? (
            <ScaleForm serviceId={s.id} name={s.name} replicas={s.desiredReplicas} />
          ) : null}
          {!s.created ? <p className="muted">Waiting for the reconciler to create this service…</p> : null}
          {s.tasks.length ? (
            <table>
              <thead>
                <tr>
                  <th>Task</th>
                  <th>State</th>
                  <th>Node</th>
                  <th>Ports</th>
                  <th>Message</th>
                </tr>
              </thead>
              <tbody>
                {s.tasks.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <code>
                        {s.name}.{t.slot ?? "?"}
                      </code>
                    </td>
                    <td>
                      <span className={`pill ${t.state}`}>{t.state}</span>
                    </td>
                    <td>{t.node ?? "—"}</td>
                    <td>{t.ports.map((p) => `${p.published}→${p.target}`).join(", ") || "—"}</td>
                    <td className="muted">{t.error ?? t.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <ServiceLogs serviceId={s.id} serviceName={s.name} />
        </section>
      ))}
      {props.canDelete && !props.deleting ? (
        <p>
          <ActionButton
            path={`/projects/${props.projectId}`}
            label="Delete project"
            confirm="Delete this project and remove its services from Swarm?"
            then="/projects"
          />
        </p>
      ) : null}
    </>
  );
}
