import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { workflowDefinitionPath, workflowTaskFunctions, type WorkflowPlaceholder } from '../functions/workflow/tasks';
import { lambdaContext } from './api-gateway-event';
import { loadHandler, type AnyHandler } from './handlers';

export const localStateMachineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:dropship-local-purchase-order';

export interface LocalExecution {
  name: string;
  input: unknown;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  /** Every state entered, in order: the state transitions Step Functions would bill. */
  states: string[];
  done: Promise<void>;
}

interface Definition {
  States: Record<string, { Type: string; Resource?: string; TimeoutSeconds?: number; Parameters?: { FunctionName?: string } }>;
}

/** Node timers hold at most 2^31-1 ms (24.8 days); aws-local-stepfunctions times tasks out with one. */
const maxLocalTimeoutSeconds = Math.floor((2 ** 31 - 1) / 1000);

/**
 * The ASL file as deployed, with its `${…}` placeholders turned into local ARNs and task timeouts
 * capped to what a Node timer can hold (a longer one would fire at once).
 */
export function loadDefinition(): Definition {
  const raw = readFileSync(resolve(import.meta.dirname, '..', workflowDefinitionPath), 'utf8');
  const definition = JSON.parse(raw.replace(/\$\{(\w+)\}/g, (_m, name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`)) as Definition;
  for (const state of Object.values(definition.States)) {
    if (state.TimeoutSeconds !== undefined) state.TimeoutSeconds = Math.min(state.TimeoutSeconds, maxLocalTimeoutSeconds);
  }
  return definition;
}

type JSONValue = Parameters<InstanceType<typeof StateMachine>['run']>[0];

/** The lambda:invoke integration hands the function its `Payload`. */
const payloadOf = (input: JSONValue) => ((input as { Payload?: Record<string, unknown> } | null)?.Payload ?? {});

const placeholderOf = (functionArn: string | undefined) => functionArn?.split(':').at(-1) as WorkflowPlaceholder | undefined;

export interface LocalStepFunctions {
  endpoint: string;
  stateMachineArn: string;
  executions: Map<string, LocalExecution>;
  /** True when every running execution waits for a task token, its handler done: nothing is writing. */
  quiet(): boolean;
  stop(): Promise<void>;
}

class LocalSfnError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

/**
 * Step Functions offline: the real ASL run by aws-local-stepfunctions, task states bound to the same
 * handlers the Lambdas run, behind an HTTP endpoint that speaks the Step Functions API
 * (StartExecution, SendTaskSuccess, SendTaskFailure, DescribeExecution) so handlers use the AWS
 * SDK client unchanged. aws-local-stepfunctions does not mint task tokens: each waiting state
 * mints one here and waits for SendTaskSuccess/SendTaskFailure to settle it.
 */
export async function startLocalStepFunctions(options: { retryIntervalMs?: number; log?: (line: string) => void } = {}): Promise<LocalStepFunctions> {
  const definition = loadDefinition();
  const machine = new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0]);
  const executions = new Map<string, LocalExecution>();
  const waiting = new Map<string, { resolve: (output: unknown) => void; reject: (error: Error) => void }>();
  /** Tokens whose state has parked: its handler returned and it now only waits for the answer. */
  const parked = new Set<string>();

  const handlers = new Map<WorkflowPlaceholder, AnyHandler>();
  for (const [placeholder, group] of Object.entries(workflowTaskFunctions) as [WorkflowPlaceholder, (typeof workflowTaskFunctions)[WorkflowPlaceholder]][]) {
    handlers.set(placeholder, await loadHandler<AnyHandler>(group));
  }

  type LocalTask = (input: JSONValue) => Promise<JSONValue>;
  const taskHandlers: Record<string, LocalTask> = {};
  const retryIntervals: Record<string, number> = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') continue;
    const placeholder = placeholderOf(state.Parameters?.FunctionName);
    const handler = placeholder && handlers.get(placeholder);
    if (!handler) throw new Error(`State ${stateName} names no known task function`);
    if (options.retryIntervalMs !== undefined) retryIntervals[stateName] = options.retryIntervalMs;
    taskHandlers[stateName] = state.Resource?.endsWith('.waitForTaskToken')
      ? async (input) => {
          const taskToken = randomUUID();
          const answer = new Promise<JSONValue>((resolveAnswer, rejectAnswer) =>
            waiting.set(taskToken, { resolve: (output) => resolveAnswer(output as JSONValue), reject: rejectAnswer }),
          );
          await handler({ ...payloadOf(input), taskToken }, lambdaContext(stateName));
          if (waiting.has(taskToken)) parked.add(taskToken);
          return answer;
        }
      : async (input) => ({ StatusCode: 200, Payload: (await handler(payloadOf(input), lambdaContext(stateName))) as JSONValue });
  }

  const start = (name: string, input: unknown): LocalExecution => {
    if (executions.has(name)) throw new LocalSfnError('ExecutionAlreadyExists', `Execution ${name} already exists`);
    const run = machine.run(input as JSONValue, {
      overrides: { taskResourceLocalHandlers: taskHandlers, retryIntervalOverrides: retryIntervals },
      context: { Task: { Token: 'minted-per-state' } },
    });
    const execution: LocalExecution = { name, input, status: 'RUNNING', states: [], done: Promise.resolve() };
    const events = (async () => {
      for await (const event of run.eventLogs) if (event.type === 'StateEntered') execution.states.push(event.state.name);
    })();
    execution.done = run.result.then(
      async (output) => {
        await events;
        Object.assign(execution, { status: 'SUCCEEDED', output });
      },
      (error: unknown) => {
        Object.assign(execution, { status: 'FAILED', error: error instanceof Error ? error.message : String(error) });
        options.log?.(`execution ${name} failed: ${execution.error}`);
      },
    );
    executions.set(name, execution);
    return execution;
  };

  const settle = (token: string, settleWith: (entry: { resolve: (o: unknown) => void; reject: (e: Error) => void }) => void) => {
    const entry = waiting.get(token);
    if (!entry) throw new LocalSfnError('TaskDoesNotExist', 'Task token does not exist or has been used');
    waiting.delete(token);
    parked.delete(token);
    settleWith(entry);
  };

  const actions: Record<string, (body: Record<string, string>) => unknown> = {
    StartExecution: ({ name, input }) => {
      const executionName = name ?? randomUUID();
      start(executionName, JSON.parse(input ?? '{}'));
      return { executionArn: `${localStateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`, startDate: Date.now() / 1000 };
    },
    SendTaskSuccess: ({ taskToken, output }) => {
      settle(taskToken ?? '', (entry) => entry.resolve(JSON.parse(output ?? '{}')));
      return {};
    },
    SendTaskFailure: ({ taskToken, error, cause }) => {
      settle(taskToken ?? '', (entry) => entry.reject(Object.assign(new Error(cause ?? ''), { name: error ?? 'TaskFailed' })));
      return {};
    },
    DescribeExecution: ({ executionArn }) => {
      const execution = executions.get(executionArn?.split(':').at(-1) ?? '');
      if (!execution) throw new LocalSfnError('ExecutionDoesNotExist', `No execution ${executionArn}`);
      return { executionArn, status: execution.status, output: JSON.stringify(execution.output ?? null), stateMachineArn: localStateMachineArn };
    },
  };

  const readJson = (request: IncomingMessage) =>
    new Promise<Record<string, string>>((resolveBody) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => resolveBody(text ? (JSON.parse(text) as Record<string, string>) : {}));
    });

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(body));
  };

  const server = createServer(async (request, response) => {
    const action = String(request.headers['x-amz-target'] ?? '').split('.').at(-1) ?? '';
    const body = await readJson(request);
    try {
      const run = actions[action];
      if (!run) throw new LocalSfnError('UnknownOperationException', `${action} is not emulated offline`);
      answer(response, 200, run(body));
    } catch (error) {
      if (error instanceof LocalSfnError) answer(response, 400, { __type: `com.amazonaws.sfn#${error.type}`, message: error.message });
      else answer(response, 500, { __type: 'InternalFailure', message: String(error) });
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stateMachineArn: localStateMachineArn,
    executions,
    quiet: () => [...executions.values()].filter((execution) => execution.status === 'RUNNING').length === parked.size,
    stop: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
