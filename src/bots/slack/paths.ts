/** Where Slack sends commands, button presses and events in HTTP mode (the manifest's request URL). */
export const SLACK_EVENTS_PATH = "/slack/events";
