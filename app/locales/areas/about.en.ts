/** English strings of the about page; about.zh-CN.ts has exactly the same keys. */
export const aboutEn = {
  title: "About Shebao",
  intro: "Shebao checks an employer's social insurance against the PRC Social Insurance Law, to the fen and to the day.",
  lawHeading: "The law it encodes",
  art58: "Art. 58: register each employee within 30 days from the date of employment; the citizen identity number is the social security number.",
  art60: "Art. 60: declare and pay premiums in full and on time, withhold the employee's share, and tell each employee monthly what was paid.",
  art63: "Art. 63: unpaid premiums lead to an order to pay within a time limit, then bank inquiry and allocation, a guarantee with a deferred-payment agreement, or court enforcement.",
  art4: "Art. 4: employees may inquire about their payment records.",
  art8486: "Arts. 84 and 86: fines, and the late fee of 0.05 % a day.",
  source: "Open source. The rules, deadlines and reports follow the project's rule book.",
};
