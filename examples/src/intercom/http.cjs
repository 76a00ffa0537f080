"use strict";

/**
 * Raw HTTP access to the Intercom REST API.
 *
 * The SDK doesn't cover everything we need (and some of the older jobs were
 * written before we adopted it), so a few modules talk to the API directly
 * through this axios instance.
 */
const axios = require("axios");

const api = axios.create({
  baseURL: "https://api.intercom.io",
  timeout: 15000,
  headers: {
    "Intercom-Version": "2.13",
    Authorization: `Bearer ${process.env.INTERCOM_TOKEN}`,
    Accept: "application/json",
    "Content-Type": "application/json",
  },
});

// Intercom returns a JSON error envelope; surface its first message instead of
// axios' generic "Request failed with status code 4xx".
api.interceptors.response.use(
  (response) => response,
  (error) => {
    const first = error.response && error.response.data && error.response.data.errors
      ? error.response.data.errors[0]
      : undefined;
    if (first) {
      error.message = `Intercom ${error.response.status}: ${first.code} - ${first.message}`;
    }
    return Promise.reject(error);
  }
);

module.exports = { api };
